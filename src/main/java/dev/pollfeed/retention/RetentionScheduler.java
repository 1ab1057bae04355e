package dev.pollfeed.retention;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Prunes on a timer in server mode. On AWS Lambda the scheduler is off (a frozen environment runs no timers) and a
 * scheduled invocation of the maintenance function calls {@code POST /internal/retention/run} instead.
 */
@ApplicationScoped
class RetentionScheduler {

    private final RetentionService retention;

    RetentionScheduler(RetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(every = "${pollfeed.retention.every}", delayed = "${pollfeed.retention.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return retention.prune().replaceWithVoid();
    }
}
