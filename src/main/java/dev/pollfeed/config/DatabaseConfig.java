package dev.pollfeed.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.database} ({@link PollfeedConfig}). */
public interface DatabaseConfig {

    /**
     * How long a request waits for the database before it is answered 503 with {@code Retry-After}; well under
     * API Gateway's 30 s. PostgreSQL cancels the statement itself a little earlier: keep
     * {@code quarkus.datasource.reactive.additional-properties.statement_timeout} below this.
     */
    @WithDefault("5s")
    Duration deadline();

    /**
     * Statements outstanding on one instance (running, or waiting for a pooled connection) beyond which requests
     * are refused at once with 503 instead of queueing.
     */
    @WithDefault("256")
    int maxOutstandingStatements();
}
