package dev.pollfeed.config;

import io.smallrye.config.ConfigMapping;

/**
 * Every pollfeed setting. Each can be set in {@code application.properties} or as an environment variable
 * ({@code pollfeed.polling.interval-seconds} is {@code POLLFEED_POLLING_INTERVAL_SECONDS}).
 */
@ConfigMapping(prefix = "pollfeed")
public interface PollfeedConfig {

    /** Request size limits. */
    LimitsConfig limits();

    /** What the server tells pollers about when to come back. */
    PollingConfig polling();

    /** How publishes reach the database. */
    PublishingConfig publishing();

    /** Deadlines and bounds in front of the database (docs/protocol.md, Errors). */
    DatabaseConfig database();

    /** Cache lifetimes of poll responses, for browsers and CDNs. */
    CacheConfig cache();

    /** When the database schema is migrated. */
    MigrationConfig migration();

    /** How long events are kept. */
    RetentionConfig retention();

    /** The embedded PostgreSQL started in dev mode and tests when no database URL is configured. */
    EmbeddedDatabaseConfig embeddedDatabase();

    /** Who may publish and read (docs/security.md). */
    SecurityConfig security();

    /** Cross-origin access for browser apps served from other origins (docs/security.md). */
    CorsConfig cors();
}
