package dev.pollfeed.events.ordering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The late commit, forced every round instead of hoped for from timing (a 2-core CI machine once ran a whole random
 * load without two writes ever open at once): writer A inserts into channel X and stays open while writer B commits
 * to channel Y and writer C, the next writer of X, either commits (a design without a commit-order barrier) or is seen
 * by PostgreSQL to wait for A; only then does a prober poll X and Y, and only then does A commit. The prober's history
 * is checked like every poller's: a design whose cursor can pass an open write loses A, every round.
 * <p>
 * A is held in a shared publish statement; B and C are publishes in transactions of their own, so PostgreSQL can tell
 * them from publishes of the random load that share A's statement's locks. B can wait for A even on another channel:
 * every publish also adds to one of 16 rows of deployment totals, picked by its connection, so 1 in 16 shares A's.
 * Such a round is seen (PostgreSQL shows B waiting for A) and does not count; rounds run until {@code wanted} did.
 */
final class LateCommits {

    /**
     * Rounds run; in how many B committed while A was open (late commits), and of those, in how many C waited for A
     * (the barrier) or committed before A (overtook it).
     */
    record Outcome(Map<String, List<EventLog.Seen>> probed, int rounds, int late, int waited, int overtaken) {
    }

    private static final long SETTLE_MILLIS = 10_000;

    private final EventLog log;
    private final String overtaken;
    private final String other;
    private final Map<String, Set<String>> committed;
    private final AtomicLong ids;
    private final Map<String, Long> cursors = new HashMap<>();
    private final Map<String, List<EventLog.Seen>> probed = new HashMap<>();

    /** @param committed where acknowledged ids go, per channel (shared with the checker) */
    LateCommits(EventLog log, String overtaken, String other, Map<String, Set<String>> committed, AtomicLong ids) {
        this.log = log;
        this.overtaken = overtaken;
        this.other = other;
        this.committed = committed;
        this.ids = ids;
        for (String channel : List.of(overtaken, other)) {
            cursors.put(channel, 0L);
            probed.put(channel, new ArrayList<>());
        }
    }

    /**
     * Runs rounds until {@code wanted} late commits (at most three times as many rounds), then follows both channels
     * until a poll of each finds nothing new.
     */
    Outcome run(int wanted) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        int rounds = 0;
        int late = 0;
        int waited = 0;
        int overtook = 0;
        try {
            for (; late < wanted && rounds < 3 * wanted; rounds++) {
                List<String> a = next(1 + rounds % 3);
                List<String> b = next(1);
                List<String> c = next(1 + rounds % 2);
                EventLog.OpenWrite open = log.begin(overtaken, a);
                Future<?> writerB = writers.submit(() -> {
                    log.writeBeside(other, b);
                    return null;
                });
                Settled settledB = settle(open, writerB);
                Settled settledC = Settled.NEITHER;
                Future<?> writerC = null;
                if (settledB == Settled.COMMITTED) {
                    committed.get(other).addAll(b);
                    writerC = writers.submit(() -> {
                        log.writeBeside(overtaken, c);
                        return null;
                    });
                    settledC = settle(open, writerC);
                    probe();
                }
                open.commit();
                committed.get(overtaken).addAll(a);
                if (settledB != Settled.COMMITTED) {
                    writerB.get(30, TimeUnit.SECONDS);
                    committed.get(other).addAll(b);
                    continue;
                }
                writerC.get(30, TimeUnit.SECONDS);
                committed.get(overtaken).addAll(c);
                late++;
                waited += settledC == Settled.WAITING ? 1 : 0;
                overtook += settledC == Settled.COMMITTED ? 1 : 0;
            }
        } finally {
            writers.shutdownNow();
        }
        while (probe()) {
            // Every write of the rounds has returned: a probe that finds nothing new in either channel ends the drain.
        }
        return new Outcome(probed, rounds, late, waited, overtook);
    }

    private enum Settled {
        COMMITTED, WAITING, NEITHER
    }

    /** Waits until the write has committed or waits for A's transaction, at most {@link #SETTLE_MILLIS}. */
    private Settled settle(EventLog.OpenWrite open, Future<?> write) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (System.nanoTime() < deadline) {
            if (write.isDone()) {
                write.get();
                return Settled.COMMITTED;
            }
            if (log.besideWaitsFor(open)) {
                return write.isDone() ? Settled.COMMITTED : Settled.WAITING;
            }
            Thread.sleep(2);
        }
        return Settled.NEITHER;
    }

    /** Polls both channels once from the prober's cursors; whether anything new came. */
    private boolean probe() throws Exception {
        boolean any = false;
        for (String channel : List.of(overtaken, other)) {
            EventLog.Page page = log.pollWhileHeld(channel, cursors.get(channel), 100);
            probed.get(channel).addAll(page.events());
            cursors.put(channel, page.next());
            any |= !page.events().isEmpty();
        }
        return any;
    }

    private List<String> next(int size) {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add("e" + ids.incrementAndGet());
        }
        return batch;
    }
}
