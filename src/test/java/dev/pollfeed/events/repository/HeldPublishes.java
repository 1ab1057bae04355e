package dev.pollfeed.events.repository;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Holds publishes open after their insert, before their commit, through {@link PublishRepository}'s own statements:
 * a publish whose batch carries a marked data string (e.g. {@code "e42"}) waits until it is released, then commits or
 * is rolled back by an error PostgreSQL raises in its transaction. Only while {@link #install()}ed.
 */
public final class HeldPublishes implements AutoCloseable {

    private static final String PID = "SELECT pg_backend_pid()";
    private static final String FAIL = "DO $$ BEGIN RAISE EXCEPTION 'rolled back by a test after the insert'; END $$";

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    private HeldPublishes() {
    }

    /** Intercepts every keyless publish until closed. */
    public static HeldPublishes install() {
        HeldPublishes publishes = new HeldPublishes();
        PublishRepository.beforeCommit = publishes::beforeCommit;
        return publishes;
    }

    /** Marks the publish whose batch holds the data string {@code marker}; it waits for {@link Held#release}. */
    public Held hold(String marker) {
        Held one = new Held();
        held.put('"' + marker + '"', one);
        return one;
    }

    /** Forgets a marker once its publish has answered. */
    public void forget(String marker) {
        held.remove('"' + marker + '"');
    }

    /** The most write transactions this saw open before their commit at the same time: proof that writes overlapped. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    @Override
    public void close() {
        PublishRepository.beforeCommit = null;
    }

    private Uni<Void> beforeCommit(SqlConnection transaction, List<String> batches) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        List<Held> matched = held.entrySet()
                .stream()
                .filter(entry -> batches.stream().anyMatch(batch -> batch.contains(entry.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        if (matched.isEmpty()) {
            open.decrementAndGet();
            return Uni.createFrom().voidItem();
        }
        CompletableFuture<Boolean> rollback = CompletableFuture.completedFuture(false);
        for (Held one : matched) {
            rollback = rollback.thenCombine(one.outcome, Boolean::logicalOr);
        }
        CompletableFuture<Boolean> decided = rollback;
        // The backend's pid tells a test which sessions wait for this transaction's locks (pg_blocking_pids).
        return transaction.query(PID)
                .execute()
                .invoke(rows -> matched.forEach(one -> one.reached.complete(rows.iterator().next().getInteger(0))))
                .chain(rows -> Uni.createFrom().completionStage(decided))
                .chain(fail -> fail ? transaction.query(FAIL).execute().replaceWithVoid() : Uni.createFrom().voidItem())
                .onTermination()
                .invoke(open::decrementAndGet);
    }

    /** One held publish: reached once its insert ran, in the open transaction. */
    public static final class Held {

        private final CompletableFuture<Integer> reached = new CompletableFuture<>();
        private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

        /** Completes, with the transaction's backend pid, once the insert has run and the transaction waits here. */
        public CompletableFuture<Integer> reached() {
            return reached;
        }

        /** Lets the transaction commit, or fail it (PostgreSQL rolls it back). */
        public void release(boolean rollback) {
            outcome.complete(rollback);
        }

        /** Releases the transaction {@code millis} after its insert ran. */
        public Held releaseAfter(long millis, boolean rollback) {
            reached.thenRunAsync(() -> release(rollback),
                    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
            return this;
        }
    }
}
