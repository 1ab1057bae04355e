package dev.pollfeed.config;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.embedded-database} ({@link PollfeedConfig}). */
public interface EmbeddedDatabaseConfig {

    /**
     * Start an embedded PostgreSQL in dev mode and tests when no {@code quarkus.datasource.reactive.url} is set.
     * Read before the application starts, so set it as a system property or environment variable
     * ({@code POLLFEED_EMBEDDED_DATABASE_ENABLED=false}).
     */
    @WithDefault("true")
    boolean enabled();
}
