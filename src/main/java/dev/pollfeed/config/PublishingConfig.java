package dev.pollfeed.config;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.publishing} ({@link PollfeedConfig}). */
public interface PublishingConfig {

    /**
     * Publish statements (without an Idempotency-Key) running at once. Publishes arriving meanwhile wait for one to
     * commit and then go out as one statement, one transaction and one commit: all of them stored, or none.
     */
    @WithDefault("1")
    int sharedWritesInFlight();

    /** Events in one shared publish statement; a batch that large goes out without waiting. */
    @WithDefault("1000")
    int sharedWriteBatch();
}
