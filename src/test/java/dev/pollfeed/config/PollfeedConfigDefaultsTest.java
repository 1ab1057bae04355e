package dev.pollfeed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.pollfeed.testing.DefaultConfig;

/** The unit tests' configuration is the real mapping with its documented defaults. */
class PollfeedConfigDefaultsTest {

    @Test
    void unitTestsSeeTheDocumentedDefaults() {
        PollfeedConfig config = DefaultConfig.defaults();
        assertEquals(65_536, config.limits().maxEventDataBytes());
        assertEquals(1, config.polling().sharedReadsInFlight());
        assertEquals(2, config.polling().intervalSeconds());
        assertEquals(31_536_000, config.cache().fullPageMaxAgeSeconds());
        assertEquals(Duration.ofDays(7), config.retention().maxAge());
    }

    @Test
    void limitsCanBeNarrowed() {
        PollfeedConfig config = DefaultConfig.withLimits(10, 100);
        assertEquals(10, config.limits().maxEventDataBytes());
        assertEquals(100, config.limits().maxRequestBytes());
    }
}
