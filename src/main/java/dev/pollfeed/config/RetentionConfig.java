package dev.pollfeed.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.retention} ({@link PollfeedConfig}). */
public interface RetentionConfig {

    /** Events older than this are pruned ({@code 7d}, {@code 12h}, or ISO-8601 such as {@code P7D}). */
    @WithDefault("7d")
    Duration maxAge();

    /** At most this many events are kept per channel; the oldest go first. */
    @WithDefault("100000")
    long maxEvents();

    /**
     * Overrides by channel-name prefix, the longest matching prefix winning:
     * {@code pollfeed.retention.channels."audit.".max-age=365d}, {@code pollfeed.retention.channels."tmp.".max-events=100}.
     */
    Map<String, ChannelRetention> channels();

    /** Events deleted per statement: pruning never issues one huge DELETE that would hold locks for long. */
    @WithDefault("1000")
    int batchSize();

    /** How long one pruning run may take; what is left waits for the next run. Below the Lambda timeout. */
    @WithDefault("10s")
    Duration timeBudget();

    /** How often the server prunes. On AWS Lambda a scheduled invocation does it instead (see docs/deploy.md). */
    @WithDefault("1m")
    String every();

    /**
     * Serve {@code POST /internal/retention/run}, the target of the scheduled invocation on Lambda. Enable it only
     * on a function no public route reaches (the maintenance function of the templates).
     */
    @WithDefault("false")
    boolean endpointEnabled();

    /** A channel-prefix override; what it leaves out falls back to the deployment default. */
    interface ChannelRetention {

        Optional<Duration> maxAge();

        OptionalLong maxEvents();
    }
}
