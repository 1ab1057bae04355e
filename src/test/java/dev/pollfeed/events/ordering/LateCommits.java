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
 */
final class LateCommits {

    /** Rounds run; in how many C waited for A (the barrier) and in how many C committed before A (overtook it). */
    record Outcome(Map<String, List<EventLog.Seen>> probed, int rounds, int waited, int overtaken) {
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

    /** Runs the rounds, then follows both channels until a poll of each finds nothing new. */
    Outcome run(int rounds) throws Exception {
        ExecutorService writerC = Executors.newSingleThreadExecutor();
        int waited = 0;
        int overtook = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                List<String> a = next(1 + round % 3);
                List<String> b = next(1);
                List<String> c = next(1 + round % 2);
                EventLog.OpenWrite open = log.begin(overtaken, a);
                log.writeBeside(other, b);
                committed.get(other).addAll(b);
                Future<?> written = writerC.submit(() -> {
                    log.begin(overtaken, c).commit();
                    return null;
                });
                boolean blocked = settle(open, written);
                boolean overtakes = written.isDone();
                probe();
                open.commit();
                committed.get(overtaken).addAll(a);
                written.get(30, TimeUnit.SECONDS);
                committed.get(overtaken).addAll(c);
                waited += blocked && !overtakes ? 1 : 0;
                overtook += overtakes ? 1 : 0;
            }
        } finally {
            writerC.shutdownNow();
        }
        while (probe()) {
            // Every write of the rounds has returned: a probe that finds nothing new in either channel ends the drain.
        }
        return new Outcome(probed, rounds, waited, overtook);
    }

    /** Waits until C has committed or waits for A's transaction; false when C did neither within the deadline. */
    private boolean settle(EventLog.OpenWrite open, Future<?> written) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (System.nanoTime() < deadline) {
            if (written.isDone() || log.blocks(open)) {
                return !written.isDone();
            }
            Thread.sleep(2);
        }
        return false;
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
