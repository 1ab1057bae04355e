package dev.pollfeed.db;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while statements fail for the database's sake (unreachable, cancelled, deadline missed) or are shed: the datasource's own check runs
 * {@code SELECT 1}, which a held lock or a stalled table does not stop, so it stayed UP while every poll waited.
 * Liveness has no database check: restarting a server does not fix its database.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements HealthCheck {

    private final DatabaseGate gate;

    DatabaseReadiness(DatabaseGate gate) {
        this.gate = gate;
    }

    @Override
    public HealthCheckResponse call() {
        Duration window = Duration.ofMillis(Math.max(1000, gate.deadlineMillis()));
        return HealthCheckResponse.named("database requests")
                .status(!gate.faultedWithin(window))
                .withData("outstandingStatements", gate.outstanding())
                .build();
    }
}
