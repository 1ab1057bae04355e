package dev.pollfeed.retention;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;

/**
 * One pruning run: every channel that may hold expired events, a bounded batch at a time, then expired stats counters and
 * idempotency keys. The same code runs from the server's scheduler and from the Lambda maintenance invocation. A run
 * stops when its time budget is spent; the next one continues where the data says (nothing is remembered between
 * runs), so concurrent or overlapping runs are harmless: each batch locks its channel row.
 */
@ApplicationScoped
class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final PruneRepository repository;
    private final Pruner pruner;
    private final RetentionPolicies policies;
    private final int batch;
    private final Duration budget;

    RetentionService(PruneRepository repository, Pruner pruner, RetentionPolicies policies, PollfeedConfig config) {
        this.repository = repository;
        this.pruner = pruner;
        this.policies = policies;
        this.batch = config.retention().batchSize();
        this.budget = config.retention().timeBudget();
    }

    @WithSession
    public Uni<PruneReport> prune() {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        RetentionPolicy strictest = policies.strictest();
        return repository.channelsToVisit(strictest.maxAge(), strictest.maxEvents())
                .chain(channels -> Multi.createFrom()
                        .iterable(channels)
                        .onItem()
                        .transformToUniAndConcatenate(channel -> System.nanoTime() > deadline
                                ? Uni.createFrom().item(0L)
                                : repeatUntilDone(() -> pruner.pruneChannelBatch(channel, policies.forChannel(channel), batch),
                                        deadline))
                        .collect()
                        .with(Collectors.summingLong(Long::longValue))
                        .chain(events -> repeatUntilDone(
                                () -> pruner.pruneCountersBatch(policies.defaults().maxAge(), batch), deadline)
                                .chain(counters -> repeatUntilDone(() -> pruner.pruneKeysBatch(batch), deadline)
                                        .map(keys -> new PruneReport(channels.size(), events, counters, keys,
                                                System.nanoTime() > deadline, (System.nanoTime() - started) / 1_000_000)))))
                .invoke(report -> {
                    if (report.eventsDeleted() > 0 || report.budgetExhausted()) {
                        LOG.infof("Retention: %s", report);
                    }
                });
    }

    /** Runs batches until one deletes nothing or the deadline passes; returns the total deleted. */
    private static Uni<Long> repeatUntilDone(Supplier<Uni<Long>> batch, long deadline) {
        return Uni.createFrom()
                .<Long>deferred(batch::get)
                .repeat()
                .whilst(deleted -> deleted > 0 && System.nanoTime() < deadline)
                .collect()
                .with(Collectors.summingLong(Long::longValue));
    }
}
