package dev.pollfeed.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests get an access-log line ({@code pollfeed.access-log.*}). */
@ConfigMapping(prefix = "pollfeed.access-log")
public interface AccessLogConfig {

    /**
     * One request in this many gets its access-log line (1: all, 0: none); a 5xx answer always gets one, at WARN. 100
     * on Lambda, where every line is paid for by the byte in CloudWatch Logs (docs/deploy.md, 9). The line also needs
     * the {@code dev.pollfeed.access} category at INFO (off in the production profile of a server).
     */
    @WithDefault("1")
    int sampleEvery();
}
