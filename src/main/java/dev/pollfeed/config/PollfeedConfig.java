package dev.pollfeed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every pollfeed setting. Each can be set in {@code application.properties} or as an environment variable
 * ({@code pollfeed.polling.interval-seconds} is {@code POLLFEED_POLLING_INTERVAL_SECONDS}).
 */
@ConfigMapping(prefix = "pollfeed")
public interface PollfeedConfig {

    /** Request size limits. */
    Limits limits();

    /** What the server tells pollers about when to come back. */
    Polling polling();

    /** Cache lifetimes of poll responses, for browsers and CDNs. */
    Cache cache();

    /** When the database schema is migrated. */
    Migration migration();

    /** The embedded PostgreSQL started in dev mode and tests when no database URL is configured. */
    EmbeddedDatabase embeddedDatabase();

    interface Limits {

        /**
         * Largest {@code data} value of one event, in bytes of UTF-8 JSON text as received. Larger events get 413.
         */
        @WithDefault("65536")
        int maxEventDataBytes();

        /**
         * Largest request body, in bytes. Larger bodies get 413. (API Gateway caps Lambda payloads at 6 MB.)
         */
        @WithDefault("1048576")
        int maxRequestBytes();
    }

    interface Polling {

        /**
         * Seconds a client should wait before its next poll, sent as the {@code Poll-Interval} header (at least 1).
         */
        @WithDefault("2")
        int intervalSeconds();
    }

    interface Cache {

        /**
         * {@code max-age} in seconds of a poll response that can still change (empty or partial page). Short, so
         * that a CDN collapses identical polls without delaying news by more than this.
         */
        @WithDefault("1")
        int partialPageMaxAgeSeconds();

        /**
         * {@code max-age} in seconds of a full page ({@code more: true}), which can never change.
         */
        @WithDefault("31536000")
        int fullPageMaxAgeSeconds();
    }

    interface Migration {

        /**
         * Whether Flyway migrates the schema when the service starts: {@code auto} migrates everywhere except on AWS
         * Lambda (where a cold start must not pay for it; run the {@code migrate} command once per deployment),
         * {@code always} and {@code never} force it.
         */
        @WithDefault("auto")
        AtStart atStart();

        enum AtStart {
            AUTO, ALWAYS, NEVER
        }
    }

    interface EmbeddedDatabase {

        /**
         * Start an embedded PostgreSQL in dev mode and tests when no {@code quarkus.datasource.reactive.url} is set.
         * Read before the application starts, so set it as a system property or environment variable
         * ({@code POLLFEED_EMBEDDED_DATABASE_ENABLED=false}).
         */
        @WithDefault("true")
        boolean enabled();
    }
}
