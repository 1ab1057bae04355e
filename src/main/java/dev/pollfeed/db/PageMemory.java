package dev.pollfeed.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.pollfeed.config.PollfeedConfig;

/**
 * Bounds the bytes of pages read and built at once on this instance: a poll that reads events reserves the most its
 * page can take before reading, and gives it back when its response has ended (written, failed or abandoned). Each
 * page is cut at the byte budget, but many budgets at once do not fit a small heap (bench/README.md, Faults). Polls beyond the bound wait in a bounded queue, in order, at most until their deadline; past either they
 * get 503 with {@code Retry-After}. A poll always proceeds when nothing is reserved, so no page is refused forever (and
 * Lambda, one request at a time, never refuses). Caught-up polls read no events and never come here.
 */
@ApplicationScoped
public class PageMemory {

    private final Vertx vertx;
    private final long capacity;
    private final int maxWaiters;
    private final ArrayDeque<Lease> waiters = new ArrayDeque<>();
    private long reserved;

    @Inject
    PageMemory(Vertx vertx, PollfeedConfig config) {
        this(vertx, config.polling().pageMemoryBytes(), config.polling().pageMemoryWaiters());
    }

    PageMemory(Vertx vertx, long capacity, int maxWaiters) {
        this.vertx = vertx;
        this.capacity = capacity;
        this.maxWaiters = maxWaiters;
    }

    /** A reservation of {@code bytes}, not yet asked for; {@link Lease#close()} ends it in every state. */
    public Lease lease(long bytes) {
        return new Lease(Math.max(0, bytes));
    }

    /** Bytes reserved now. */
    public synchronized long reserved() {
        return reserved;
    }

    /** Polls waiting for bytes now. */
    public synchronized int waiting() {
        return waiters.size();
    }

    /** Whether {@code bytes} may be reserved now: nothing reserved (a page larger than the bound still goes), or room. */
    private boolean fits(long bytes) {
        return reserved == 0 || reserved + bytes <= capacity;
    }

    /** Grants waiting leases in order while they fit; called with the lock held, completes them without it. */
    private List<Lease> grantable() {
        List<Lease> granted = new ArrayList<>();
        while (!waiters.isEmpty() && fits(waiters.peekFirst().bytes)) {
            Lease next = waiters.pollFirst();
            reserved += next.bytes;
            next.state = State.HELD;
            granted.add(next);
        }
        return granted;
    }

    private static void grant(List<Lease> granted) {
        for (Lease lease : granted) {
            lease.cancelTimer();
            lease.context.runOnContext(ignored -> lease.emitter.complete(null));
        }
    }

    private enum State {
        NEW, WAITING, HELD, CLOSED
    }

    /** One poll's reservation. */
    public final class Lease implements AutoCloseable {

        private final long bytes;
        private State state = State.NEW;
        private UniEmitter<? super Void> emitter;
        private Context context;
        private long timer = -1;

        private Lease(long bytes) {
            this.bytes = bytes;
        }

        /** Completes once the bytes are reserved; fails with the 503 {@code overloaded} when refused or after {@code waitMillis}. */
        public Uni<Void> acquire(long waitMillis) {
            return Uni.createFrom().emitter(emitter -> {
                boolean granted;
                synchronized (PageMemory.this) {
                    if (state != State.NEW) {
                        granted = false; // closed already: its response has ended
                    } else if (capacity <= 0 || bytes == 0 || waiters.isEmpty() && fits(bytes)) {
                        reserved += bytes;
                        state = State.HELD;
                        granted = true;
                    } else if (waiters.size() >= maxWaiters || waitMillis <= 0) {
                        state = State.CLOSED;
                        granted = false;
                    } else {
                        this.emitter = emitter;
                        this.context = vertx.getOrCreateContext();
                        this.timer = vertx.setTimer(waitMillis, id -> expired());
                        waiters.addLast(this);
                        state = State.WAITING;
                        return;
                    }
                }
                if (granted) {
                    emitter.complete(null);
                } else {
                    emitter.fail(DatabaseFailures.unavailable(DatabaseFailures.Kind.OVERLOADED));
                }
            });
        }

        private void expired() {
            List<Lease> granted;
            synchronized (PageMemory.this) {
                if (state != State.WAITING) {
                    return;
                }
                waiters.remove(this);
                state = State.CLOSED;
                granted = grantable();
            }
            grant(granted);
            context.runOnContext(ignored -> emitter.fail(DatabaseFailures.unavailable(DatabaseFailures.Kind.OVERLOADED)));
        }

        private void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }

        /** Gives the bytes back, or stops waiting for them; once is enough, more is harmless. */
        @Override
        public void close() {
            List<Lease> granted;
            synchronized (PageMemory.this) {
                if (state == State.HELD) {
                    reserved -= bytes;
                } else if (state == State.WAITING) {
                    waiters.remove(this);
                    cancelTimer();
                }
                state = State.CLOSED;
                granted = grantable();
            }
            grant(granted);
        }
    }
}
