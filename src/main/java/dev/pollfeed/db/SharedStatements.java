package dev.pollfeed.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One kind of statement shared by concurrent requests: while {@code inFlight} of them are running, the requests that
 * arrive wait and then go out together as one statement ({@code name = ANY($1)}, a join over {@code unnest}, or one
 * insert of several publishes). When busy, PostgreSQL runs fewer, larger statements (its cost is mostly per statement
 * and per commit, not per row); when quiet, nothing waits.
 * <p>
 * Correctness of reads: a request only joins a batch that has not been sent yet, so its read starts after the request
 * arrived and sees every event committed before that, exactly as a read of its own would. Of writes: the statement is
 * one transaction, so the publishes in it commit together or not at all, and each is answered only after the commit.
 * <p>
 * A slow statement (a checkpoint's I/O, a connection lost without a reset) must not hold every request behind it: when
 * none has gone out for {@link #STALL} (20 ms), the waiting batch goes anyway, up to {@link #MAX_STALLED} at once, so a
 * slow database gets more statements in parallel exactly when one is stuck. A batch usually takes about a millisecond.
 *
 * @param <T> what one request asks for (a channel name, a page plan, a publish)
 * @param <R> the answer to one item, in the order asked
 */
public final class SharedStatements<T, R> {

    static final Duration STALL = Duration.ofMillis(20);
    static final int MAX_STALLED = 8;
    /**
     * Requests waiting for the next statement beyond which more are refused at once (503): a stalled database must
     * not collect requests without bound. A busy server's batches hold a few hundred.
     */
    static final int MAX_WAITING = 1000;

    private final Vertx vertx;
    private final Function<List<T>, Uni<List<R>>> read;
    private final ToIntFunction<T> weight;
    private final int maxInFlight;
    private final int maxWeight;
    private final long stallNanos;
    private final long stallMillis;
    private final Object lock = new Object();
    private List<Waiter<T, R>> pending = new ArrayList<>();
    private int pendingWeight;
    private int inFlight;
    private long lastSent = System.nanoTime();
    /** A timer is armed to check for a stall: only while reads wait, so an idle server never wakes up for it. */
    private boolean watching;

    /**
     * @param read answers a batch: one result per item, in order
     * @param weight what an item costs the batch (1 per head; the planned events of a page)
     * @param maxWeight a batch this heavy goes out without waiting
     */
    public SharedStatements(Vertx vertx, int maxInFlight, int maxWeight, ToIntFunction<T> weight,
            Function<List<T>, Uni<List<R>>> read) {
        this(vertx, maxInFlight, maxWeight, weight, read, STALL);
    }

    SharedStatements(Vertx vertx, int maxInFlight, int maxWeight, ToIntFunction<T> weight,
            Function<List<T>, Uni<List<R>>> read, Duration stall) {
        this.vertx = vertx;
        this.read = read;
        this.weight = weight;
        this.maxInFlight = maxInFlight;
        this.maxWeight = maxWeight;
        this.stallNanos = stall.toNanos();
        this.stallMillis = Math.max(1, stall.toMillis());
    }

    /** The answers to {@code items}, in their order. */
    public Uni<List<R>> run(List<T> items) {
        return Uni.createFrom().emitter(emitter -> submit(items, (results, failure) -> {
            if (failure == null) {
                emitter.complete(results);
            } else {
                emitter.fail(failure);
            }
        }));
    }

    /**
     * {@link #run} without a {@code Uni}: {@code answer} gets the results or the failure, on the caller's Vert.x
     * context. For hot paths whose per-request {@code Uni} operators and context capture were a visible share of their
     * CPU (bench/README.md, "Channel stats on routes"). {@code answer} must not throw: the other requests of its batch
     * are answered after it.
     */
    public void submit(List<T> items, BiConsumer<List<R>, Throwable> answer) {
        List<Waiter<T, R>> batch = null;
        boolean watch = false;
        boolean refused;
        synchronized (lock) {
            refused = pending.size() >= MAX_WAITING;
            if (!refused) {
                pending.add(new Waiter<>(items, answer, Vertx.currentContext()));
                for (T item : items) {
                    pendingWeight += weight.applyAsInt(item);
                }
                batch = inFlight < maxInFlight || pendingWeight >= maxWeight || stalled() ? take() : null;
                if (batch == null && !watching) {
                    watching = watch = true;
                }
            }
        }
        if (refused) {
            answer.accept(null, DatabaseFailures.unavailable(DatabaseFailures.Kind.OVERLOADED));
            return;
        }
        if (batch != null) {
            send(batch);
        }
        if (watch) {
            vertx.setTimer(stallMillis, id -> checkStall());
        }
    }

    /** Requests waiting for the next statement (tests wait for it rather than sleep). */
    int waiting() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Under the lock: nothing went out for a while although reads wait (so the running ones are slow). */
    private boolean stalled() {
        return inFlight < MAX_STALLED && System.nanoTime() - lastSent > stallNanos;
    }

    /** Under the lock. */
    private List<Waiter<T, R>> take() {
        inFlight++;
        lastSent = System.nanoTime();
        List<Waiter<T, R>> batch = pending;
        pending = new ArrayList<>();
        pendingWeight = 0;
        return batch;
    }

    /** The armed timer: sends the waiting batch if the running reads are stalled, watches on while reads wait. */
    private void checkStall() {
        List<Waiter<T, R>> batch = null;
        boolean again;
        synchronized (lock) {
            if (!pending.isEmpty() && stalled()) {
                batch = take();
            }
            watching = again = !pending.isEmpty();
        }
        if (batch != null) {
            send(batch);
        }
        if (again) {
            vertx.setTimer(stallMillis, id -> checkStall());
        }
    }

    private void send(List<Waiter<T, R>> batch) {
        List<T> items;
        if (batch.size() == 1) {
            items = batch.get(0).items();
        } else {
            items = new ArrayList<>();
            for (Waiter<T, R> waiter : batch) {
                items.addAll(waiter.items());
            }
        }
        Uni<List<R>> answers;
        try {
            answers = read.apply(items);
        } catch (RuntimeException e) {
            answers = Uni.createFrom().failure(e);
        }
        List<T> asked = items;
        answers.subscribe().with(results -> {
            next();
            if (results.size() != asked.size()) {
                // A read that answers the wrong number of items would leave some polls waiting forever.
                IllegalStateException wrong = new IllegalStateException(
                        "A shared read answered " + results.size() + " items for " + asked.size());
                batch.forEach(waiter -> waiter.fail(wrong));
                return;
            }
            int from = 0;
            for (Waiter<T, R> waiter : batch) {
                int to = from + waiter.items().size();
                waiter.complete(batch.size() == 1 ? results : results.subList(from, to));
                from = to;
            }
        }, failure -> {
            next();
            for (Waiter<T, R> waiter : batch) {
                waiter.fail(failure);
            }
        });
    }

    private void next() {
        List<Waiter<T, R>> batch;
        synchronized (lock) {
            inFlight--;
            batch = pending.isEmpty() ? null : take();
        }
        if (batch != null) {
            send(batch);
        }
    }

    /**
     * A request waiting for its answers, which are handed over on its own Vert.x context (its request's), whichever
     * one the batch's statement returned on.
     */
    private record Waiter<T, R>(List<T> items, BiConsumer<List<R>, Throwable> answer, Context context) {

        void complete(List<R> results) {
            if (context == null || context == Vertx.currentContext()) {
                answer.accept(results, null);
            } else {
                context.runOnContext(ignored -> answer.accept(results, null));
            }
        }

        void fail(Throwable failure) {
            if (context == null || context == Vertx.currentContext()) {
                answer.accept(null, failure);
            } else {
                context.runOnContext(ignored -> answer.accept(null, failure));
            }
        }
    }
}
