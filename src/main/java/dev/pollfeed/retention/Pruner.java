package dev.pollfeed.retention;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** One bounded batch per transaction, so that locks are held briefly and a failed batch loses nothing. */
@ApplicationScoped
public class Pruner {

    /** Idempotency keys are promised for at least 24 hours. */
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    private final PruneRepository repository;

    Pruner(PruneRepository repository) {
        this.repository = repository;
    }

    @WithTransaction
    public Uni<Long> pruneChannelBatch(String channel, RetentionPolicy policy, int batch) {
        return repository.pruneBatch(channel, policy.maxAge(), policy.maxEvents(), batch);
    }

    @WithTransaction
    public Uni<Long> pruneCountersBatch(Duration maxAge, int batch) {
        return repository.pruneCounters(maxAge, batch);
    }

    @WithTransaction
    public Uni<Long> pruneKeysBatch(int batch) {
        return repository.pruneIdempotencyKeys(KEY_LIFETIME, batch);
    }
}
