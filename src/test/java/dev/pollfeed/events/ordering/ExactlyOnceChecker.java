package dev.pollfeed.events.ordering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A randomized checker of the poller's promise: many writers (single events and batches, some held open, some rolled
 * back) on a few channels, one of them hot, while pollers follow every channel with small limits; beside them, rounds
 * of a forced late commit on two channels of their own ({@link LateCommits}), so writes overlap on every run whatever
 * the timing. Afterwards each poller's history per channel must hold every committed event exactly once, in cursor
 * order, and nothing rolled back.
 */
final class ExactlyOnceChecker {

    record Result(List<String> violations, long committedEvents, long rolledBackEvents, long polls,
            LateCommits.Outcome late) {
    }

    private final EventLog log;
    private final List<String> written;
    private final List<String> late;
    private final List<String> channels;
    private final long seed;

    /** @param late the two channels of the late-commit rounds: the one overtaken, and the other */
    ExactlyOnceChecker(EventLog log, List<String> written, List<String> late, long seed) {
        this.log = log;
        this.written = written;
        this.late = late;
        this.channels = new ArrayList<>(written);
        this.channels.addAll(late);
        this.seed = seed;
    }

    /**
     * Writes for at least {@code writeMillis} and until {@code minEvents} are committed (at most {@code maxMillis}: a
     * loaded machine writes slower, and a run must still mean something), then lets the pollers drain.
     */
    Result run(int writers, int pollers, long writeMillis, long minEvents, long maxMillis, int lateRounds)
            throws Exception {
        Map<String, Set<String>> committed = new ConcurrentHashMap<>();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        channels.forEach(channel -> committed.put(channel, ConcurrentHashMap.newKeySet()));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicBoolean writesDone = new AtomicBoolean(false);
        AtomicLong ids = new AtomicLong();
        AtomicLong polls = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());

        ExecutorService threads = Executors.newFixedThreadPool(writers + pollers + 1);
        List<Future<Map<String, List<EventLog.Seen>>>> histories = new ArrayList<>();
        List<Future<?>> writes = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                Random random = new Random(seed * 31 + w);
                writes.add(threads.submit(() -> {
                    while (writing.get()) {
                        // The first channel is hot: most writes contend for it.
                        String channel = random.nextInt(10) < 7
                                ? written.get(0)
                                : written.get(1 + random.nextInt(written.size() - 1));
                        int size = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1;
                        List<String> batch = new ArrayList<>();
                        for (int i = 0; i < size; i++) {
                            batch.add("e" + ids.incrementAndGet());
                        }
                        int kind = random.nextInt(100);
                        boolean rollback = kind < 15;
                        int hold = kind < 40 ? random.nextInt(15) : 0;
                        try {
                            log.write(channel, batch, hold, rollback);
                            (rollback ? rolledBack : committed.get(channel)).addAll(batch);
                        } catch (Exception e) {
                            failures.add("write failed: " + e);
                        }
                    }
                    return null;
                }));
            }
            for (int p = 0; p < pollers; p++) {
                Random random = new Random(seed * 17 + p);
                histories.add(threads.submit(() -> follow(random, writesDone, polls)));
            }
            Future<LateCommits.Outcome> rounds = threads
                    .submit(() -> new LateCommits(log, late.get(0), late.get(1), committed, ids).run(lateRounds));
            long started = System.nanoTime();
            while (true) {
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                long done = committed.values().stream().mapToLong(Set::size).sum();
                if (elapsed >= maxMillis || (elapsed >= writeMillis && done >= minEvents)) {
                    break;
                }
                Thread.sleep(50);
            }
            LateCommits.Outcome outcome = rounds.get(120, TimeUnit.SECONDS);
            writing.set(false);
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            writesDone.set(true);
            List<String> violations = new ArrayList<>(failures);
            for (int p = 0; p < histories.size(); p++) {
                // The drain is slow on the Lambda build of a loaded machine: one request at a time, 5 channels each.
                Map<String, List<EventLog.Seen>> history = histories.get(p).get(300, TimeUnit.SECONDS);
                for (String channel : channels) {
                    violations.addAll(check("poller " + p + " on " + channel, history.get(channel),
                            committed.get(channel), rolledBack));
                }
            }
            for (String channel : late) {
                violations.addAll(check("the late-commit prober on " + channel, outcome.probed().get(channel),
                        committed.get(channel), rolledBack));
            }
            long committedEvents = committed.values().stream().mapToLong(Set::size).sum();
            return new Result(violations, committedEvents, rolledBack.size(), polls.get(), outcome);
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
    }

    /** Polls every channel until every write has returned and a final round finds nothing new anywhere. */
    private Map<String, List<EventLog.Seen>> follow(Random random, AtomicBoolean writesDone, AtomicLong polls)
            throws Exception {
        Map<String, List<EventLog.Seen>> history = new HashMap<>();
        Map<String, Long> cursors = new HashMap<>();
        channels.forEach(channel -> {
            history.put(channel, new ArrayList<>());
            cursors.put(channel, 0L);
        });
        boolean finalRound = false;
        while (true) {
            boolean stopped = writesDone.get();
            boolean sawAny = false;
            for (String channel : channels) {
                EventLog.Page page = log.poll(channel, cursors.get(channel), 1 + random.nextInt(7));
                polls.incrementAndGet();
                history.get(channel).addAll(page.events());
                cursors.put(channel, page.next());
                sawAny |= !page.events().isEmpty();
            }
            if (finalRound && !sawAny) {
                return history;
            }
            // Every write had returned before this round began: one more empty round proves the drain.
            finalRound = stopped;
        }
    }

    private List<String> check(String who, List<EventLog.Seen> seen, Set<String> committed, Set<String> rolledBack) {
        List<String> violations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long previous = 0;
        for (EventLog.Seen event : seen) {
            if (!ids.add(event.id())) {
                violations.add(who + ": saw " + event.id() + " twice");
            }
            if (rolledBack.contains(event.id())) {
                violations.add(who + ": saw rolled-back " + event.id());
            } else if (!committed.contains(event.id())) {
                violations.add(who + ": saw " + event.id() + ", which was never acknowledged");
            }
            if (event.cursor() <= previous) {
                violations.add(who + ": cursor went from " + previous + " to " + event.cursor());
            }
            if (log.gapless() && event.cursor() != previous + 1) {
                violations.add(who + ": gap or jump from seq " + previous + " to " + event.cursor());
            }
            previous = event.cursor();
        }
        Set<String> missed = new LinkedHashSet<>(committed);
        missed.removeAll(ids);
        if (!missed.isEmpty()) {
            violations.add(who + ": never saw " + missed.size() + " committed event(s), e.g. " + missed.iterator().next());
        }
        return violations;
    }
}
