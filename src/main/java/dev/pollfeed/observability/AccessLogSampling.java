package dev.pollfeed.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** Hands {@code pollfeed.access-log.sample-every} to the static {@link AccessLog} when the application starts. */
@ApplicationScoped
class AccessLogSampling {

    void start(@Observes StartupEvent started, AccessLogConfig config) {
        AccessLog.sampleEvery(config.sampleEvery());
    }
}
