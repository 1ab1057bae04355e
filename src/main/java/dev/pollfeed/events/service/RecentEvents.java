package dev.pollfeed.events.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.domain.StoredEvent;

/**
 * Each channel's latest events that polls of this instance read, as one run of consecutive seqs, so that the next
 * polls asking for them (every client of a channel catches up with the same cursor after an event lands) are answered
 * without a statement (docs/decisions/0015-recent-events-in-memory.md). Events up to a committed head are final (seqs
 * gapless, events immutable), so a run is never wrong; {@link PollService} decides when it is the whole answer.
 * <p>
 * Retention removes a prefix of a channel, so an event seen stored at a moment vouches for every later one: a run is
 * used only while its first event was seen stored within {@link #RETAINED_LAG} (docs/protocol.md, §10.2).
 * <p>
 * Bounded by bytes (Caffeine's weight: the least used channels go first), a run by an eighth of them; the bodies
 * written from pages take an eighth of the setting beside them ({@link #bodiesBytes}).
 */
@ApplicationScoped
public class RecentEvents {

    /**
     * How long after a run's first event was last read from the database the run may still be used: as late as
     * retention's own timer (one minute by default) already makes a prune.
     */
    static final Duration RETAINED_LAG = Duration.ofMinutes(1);
    /** Runs not used for this long go, whatever room is left. */
    static final Duration IDLE = Duration.ofMinutes(5);
    /** Bytes of an entry beside its events (key, run, array, Caffeine's node). */
    private static final int ENTRY_BYTES = 160;

    /** Consecutive events {@code first..last} of a channel; the first one seen stored at {@code retainedAt}. */
    record Run(StoredEvent[] events, long bytes, long retainedAt) {

        long first() {
            return events[0].seq();
        }

        long last() {
            return events[events.length - 1].seq();
        }

        /** True when the run holds every seq of {@code after < seq <= upTo}. */
        boolean holds(long after, long upTo) {
            return after + 1 >= first() && upTo <= last();
        }

        /** The events of {@code after < seq <= upTo} (which {@link #holds} it). */
        List<StoredEvent> between(long after, long upTo) {
            int from = (int) (after + 1 - first());
            return Arrays.asList(events).subList(from, from + (int) (upTo - after));
        }
    }

    private final Cache<String, Run> runs;
    private final long runBytes;
    private final long lagMillis;
    private final LongSupplier clock;

    @Inject
    RecentEvents(PollfeedConfig config) {
        this(config.polling().recentEventsBytes() - bodiesBytes(config.polling().recentEventsBytes()),
                System::currentTimeMillis);
    }

    /**
     * The part of {@code recent-events-bytes} that holds the bodies written from pages (an eighth); the events get
     * the rest, so the setting bounds both.
     */
    public static long bodiesBytes(long recentEventsBytes) {
        return Math.max(0, recentEventsBytes / 8);
    }

    RecentEvents(long bytes, LongSupplier clock) {
        this.clock = clock;
        this.lagMillis = RETAINED_LAG.toMillis();
        this.runBytes = bytes / 8;
        this.runs = bytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(bytes)
                        .weigher((String channel, Run run) -> (int) Math.min(Integer.MAX_VALUE,
                                run.bytes() + ENTRY_BYTES + 2L * channel.length()))
                        .expireAfterAccess(IDLE)
                        .build();
    }

    /** False when the setting turned answers from memory off. */
    public boolean enabled() {
        return runs != null;
    }

    /** The channel's run, if one is held and still vouched for by retention; null otherwise. */
    Run held(String channel) {
        Run run = runs.getIfPresent(channel);
        if (run == null) {
            return null;
        }
        long age = clock.getAsLong() - run.retainedAt();
        return age >= 0 && age <= lagMillis ? run : null;
    }

    /**
     * Events the database returned, consecutive from the first, read by a statement sent at {@code asked}: joined to
     * the channel's run when they touch it, otherwise kept instead of it when they are newer.
     */
    void read(String channel, List<StoredEvent> events, long asked) {
        if (runs == null || events.isEmpty() || !consecutive(events)) {
            return;
        }
        StoredEvent[] read = events.toArray(StoredEvent[]::new);
        long now = clock.getAsLong();
        runs.asMap().compute(channel, (name, run) -> bounded(merged(run, read, asked, now)));
    }

    /** Runs held now, after pending evictions (tests of the bound). */
    long size() {
        runs.cleanUp();
        return runs.estimatedSize();
    }

    /** The weight held now (tests of the bound). */
    long weight() {
        runs.cleanUp();
        return runs.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private Run merged(Run run, StoredEvent[] read, long asked, long now) {
        long first = read[0].seq();
        long last = read[read.length - 1].seq();
        if (run == null || now - run.retainedAt() > lagMillis || first > run.last() + 1) {
            return run(read, asked);
        }
        if (last + 1 < run.first()) {
            return run; // older than what is held and apart: the latest events are the ones polls ask for again
        }
        long from;
        long retainedAt;
        if (first < run.first()) {
            from = first;
            retainedAt = asked;
        } else if (first == run.first()) {
            from = first;
            retainedAt = Math.max(asked, run.retainedAt());
        } else if (now - run.retainedAt() > lagMillis / 2) {
            // Keep what this read vouches for rather than a prefix whose retention is about to lapse.
            from = first;
            retainedAt = asked;
        } else {
            from = run.first();
            retainedAt = run.retainedAt();
        }
        if (from == run.first() && last <= run.last()) {
            return new Run(run.events(), run.bytes(), retainedAt); // the same events read again: the common case
        }
        long end = Math.max(last, run.last());
        StoredEvent[] joined = new StoredEvent[(int) (end - from + 1)];
        long bytes = 0;
        for (StoredEvent event : run.events()) {
            if (event.seq() >= from) {
                joined[(int) (event.seq() - from)] = event;
            }
        }
        bytes += run.bytes();
        for (StoredEvent event : run.events()) {
            if (event.seq() >= from) {
                break;
            }
            bytes -= bytes(event);
        }
        for (StoredEvent event : read) {
            if (event.seq() < run.first() || event.seq() > run.last()) {
                joined[(int) (event.seq() - from)] = event;
                bytes += bytes(event);
            }
        }
        return new Run(joined, bytes, retainedAt);
    }

    /** The run without its oldest events beyond a run's share of the bytes; null when its last event alone exceeds it. */
    private Run bounded(Run run) {
        if (run.bytes() + ENTRY_BYTES <= runBytes) {
            return run;
        }
        StoredEvent[] events = run.events();
        long bytes = run.bytes();
        int drop = 0;
        while (drop < events.length && bytes + ENTRY_BYTES > runBytes) {
            bytes -= bytes(events[drop++]);
        }
        return drop == events.length
                ? null
                : new Run(Arrays.copyOfRange(events, drop, events.length), bytes, run.retainedAt());
    }

    private static Run run(StoredEvent[] events, long retainedAt) {
        long bytes = 0;
        for (StoredEvent event : events) {
            bytes += bytes(event);
        }
        return new Run(events, bytes, retainedAt);
    }

    private static boolean consecutive(List<StoredEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).seq() != events.get(i - 1).seq() + 1) {
                return false;
            }
        }
        return true;
    }

    /** Heap bytes of an event: the record, its three strings (a byte per character, two beyond Latin-1) and a slot. */
    static long bytes(StoredEvent event) {
        return 32 + 8 + string(event.type()) + string(event.dataJson()) + string(event.time());
    }

    private static long string(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) > 0xFF) {
                return 40 + 2L * length;
            }
        }
        return 40 + length;
    }
}
