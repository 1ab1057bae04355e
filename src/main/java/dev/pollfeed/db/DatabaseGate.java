package dev.pollfeed.db;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.pollfeed.config.PollfeedConfig;

/**
 * What every statement of a request goes through: a deadline, and a bound on the statements outstanding on this
 * instance (running, or waiting for one of the pool's connections). Past the bound a request is refused at once (503,
 * {@code Retry-After}) instead of queueing behind a stalled database; past the deadline it is answered 503 while
 * PostgreSQL cancels the statement itself ({@code statement_timeout}, set a little below the deadline). A statement is
 * counted until it really ends, not when its request gave up, so memory stays bounded however many requests arrive.
 */
@ApplicationScoped
public class DatabaseGate {

    private final Vertx vertx;
    private final long deadlineMillis;
    private final int maxOutstanding;
    private final AtomicInteger outstanding = new AtomicInteger();
    /** When a statement last failed for the database's sake, missed its deadline or was refused; 0 when never. */
    private volatile long lastFaultNanos;

    DatabaseGate(Vertx vertx, PollfeedConfig config) {
        this.vertx = vertx;
        this.deadlineMillis = Math.max(1, config.database().deadline().toMillis());
        this.maxOutstanding = config.database().maxOutstandingStatements();
    }

    /** Runs the statement(s) of {@code work} within the deadline, or refuses them when too many are outstanding. */
    public <T> Uni<T> call(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            if (outstanding.incrementAndGet() > maxOutstanding) {
                outstanding.decrementAndGet();
                lastFaultNanos = System.nanoTime();
                emitter.fail(DatabaseFailures.unavailable(DatabaseFailures.Kind.OVERLOADED));
                return;
            }
            AtomicBoolean ended = new AtomicBoolean();
            long timer = vertx.setTimer(deadlineMillis, id -> {
                if (ended.compareAndSet(false, true)) {
                    lastFaultNanos = System.nanoTime();
                    emitter.fail(new TimeoutException("No answer from the database within " + deadlineMillis + " ms"));
                }
            });
            Uni<T> statement;
            try {
                statement = work.get();
            } catch (RuntimeException e) {
                statement = Uni.createFrom().failure(e);
            }
            // Not cancelled with the request: the count must follow the statement, which runs on regardless.
            statement.subscribe().with(item -> {
                outstanding.decrementAndGet();
                if (ended.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.complete(item);
                }
            }, failure -> {
                outstanding.decrementAndGet();
                if (DatabaseFailures.classify(failure) != null) {
                    lastFaultNanos = System.nanoTime();
                }
                if (ended.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.fail(failure);
                }
            });
        });
    }

    /**
     * A request's work (its statements and any wait in {@link SharedStatements}) within the deadline; past it, the
     * request fails with a timeout and stops waiting, while statements already sent end on their own.
     */
    public <T> Uni<T> within(Uni<T> request) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean ended = new AtomicBoolean();
            long timer = vertx.setTimer(deadlineMillis, id -> {
                if (ended.compareAndSet(false, true)) {
                    lastFaultNanos = System.nanoTime();
                    emitter.fail(new TimeoutException("No answer within the request's deadline of " + deadlineMillis
                            + " ms"));
                }
            });
            request.subscribe().with(item -> {
                if (ended.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.complete(item);
                }
            }, failure -> {
                if (ended.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.fail(failure);
                }
            });
        });
    }

    /** Whether a statement failed for the database's sake, missed its deadline or was refused within {@code window}. */
    public boolean faultedWithin(Duration window) {
        long last = lastFaultNanos;
        return last != 0 && System.nanoTime() - last < window.toNanos();
    }

    /** The deadline of a request's database work. */
    public long deadlineMillis() {
        return deadlineMillis;
    }

    /** Statements running or waiting for a connection now. */
    public int outstanding() {
        return outstanding.get();
    }
}
