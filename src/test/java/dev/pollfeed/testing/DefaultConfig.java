package dev.pollfeed.testing;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.pollfeed.config.PollfeedConfig;

/**
 * {@link PollfeedConfig} for unit tests that run without Quarkus, built by SmallRye from the real mapping: its
 * defaults are the {@code @WithDefault} values themselves, so a test cannot drift from the settings it stands for.
 */
public final class DefaultConfig {

    private DefaultConfig() {
    }

    public static PollfeedConfig withLimits(int maxEventDataBytes, int maxRequestBytes) {
        return builder()
                .withDefaultValue("pollfeed.limits.max-event-data-bytes", Integer.toString(maxEventDataBytes))
                .withDefaultValue("pollfeed.limits.max-request-bytes", Integer.toString(maxRequestBytes))
                .build()
                .getConfigMapping(PollfeedConfig.class);
    }

    public static PollfeedConfig defaults() {
        return builder().build().getConfigMapping(PollfeedConfig.class);
    }

    // Quarkus's own duration syntax ("7d", "10s"), as the application reads it.
    private static SmallRyeConfigBuilder builder() {
        return new SmallRyeConfigBuilder().withMapping(PollfeedConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter());
    }
}
