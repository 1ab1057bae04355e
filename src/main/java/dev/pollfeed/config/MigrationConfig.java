package dev.pollfeed.config;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.migration} ({@link PollfeedConfig}). */
public interface MigrationConfig {

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
