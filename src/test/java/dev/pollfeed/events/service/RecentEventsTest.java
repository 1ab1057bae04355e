package dev.pollfeed.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.pollfeed.events.domain.StoredEvent;

/** Runs of recent events: joined as read, vouched for by retention for a minute, bounded by bytes. */
class RecentEventsTest {

    private static final long LAG = RecentEvents.RETAINED_LAG.toMillis();

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RecentEvents recent = new RecentEvents(1 << 20, clock::get);

    @Test
    void readsThatTouchJoinIntoOneRun() {
        recent.read("c", events(5, 7), clock.get());
        recent.read("c", events(8, 10), clock.get());
        recent.read("c", events(3, 5), clock.get());
        RecentEvents.Run run = recent.held("c");
        assertEquals(3, run.first());
        assertEquals(10, run.last());
        assertTrue(run.holds(2, 10));
        assertFalse(run.holds(1, 10));
        assertFalse(run.holds(2, 11));
        assertEquals(List.of(6L, 7L), run.between(5, 7).stream().map(StoredEvent::seq).toList());
    }

    @Test
    void aNewerReadApartReplacesTheRunAnOlderOneIsDropped() {
        recent.read("c", events(1, 3), clock.get());
        recent.read("c", events(10, 12), clock.get());
        assertEquals(10, recent.held("c").first());
        recent.read("c", events(1, 3), clock.get());
        assertEquals(10, recent.held("c").first());
        recent.read("c", List.of(event(20), event(22)), clock.get());
        assertEquals(12, recent.held("c").last(), "events with a gap are not a run");
    }

    @Test
    void aRunIsUsedForAMinuteAfterItsFirstEventWasLastSeenStored() {
        long start = clock.get();
        recent.read("c", events(1, 3), start);
        clock.addAndGet(LAG / 4);
        // Later events read do not vouch for the first ones (retention removes a prefix).
        recent.read("c", events(3, 4), clock.get());
        assertEquals(1, recent.held("c").first());
        clock.set(start + LAG);
        assertNotNull(recent.held("c"));
        clock.addAndGet(1);
        assertNull(recent.held("c"), "retention may have removed seq 1 since: the database must say");
        recent.read("c", events(2, 4), clock.get());
        assertEquals(2, recent.held("c").first(), "the lapsed run is not kept");
        recent.read("c", events(2, 5), clock.get() + 10);
        clock.addAndGet(LAG + 5);
        assertNotNull(recent.held("c"), "a read from the run's first event vouches for all of it again");
    }

    @Test
    void aPrefixAboutToLapseMakesWayForWhatAReadVouchesFor() {
        recent.read("c", events(1, 4), clock.get());
        clock.addAndGet(LAG * 3 / 4);
        recent.read("c", events(3, 5), clock.get());
        RecentEvents.Run run = recent.held("c");
        assertEquals(3, run.first());
        assertEquals(5, run.last());
        assertEquals(clock.get(), run.retainedAt());
    }

    @Test
    void memoryIsBoundedByBytesWhateverTheNumberOfChannels() {
        long bound = 256 * 1024;
        RecentEvents small = new RecentEvents(bound, clock::get);
        for (int channel = 0; channel < 100_000; channel++) {
            small.read("channel-" + channel, events(1, 3), clock.get());
        }
        assertTrue(small.weight() <= bound, small.weight() + " bytes held");
        assertTrue(small.size() < 1_000, small.size() + " channels held");
        assertTrue(small.size() > 100, small.size() + " channels held");
    }

    @Test
    void aRunKeepsItsLatestEventsWithinAnEighthOfTheBound() {
        long bound = 64 * 1024;
        RecentEvents small = new RecentEvents(bound, clock::get);
        small.read("c", events(1, 200), clock.get());
        RecentEvents.Run run = small.held("c");
        assertEquals(200, run.last());
        assertTrue(run.first() > 1, "the oldest events go first");
        assertTrue(run.bytes() <= bound / 8);
    }

    @Test
    void offHoldsNothing() {
        assertFalse(new RecentEvents(0, clock::get).enabled());
    }

    private static List<StoredEvent> events(long first, long last) {
        List<StoredEvent> events = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            events.add(event(seq));
        }
        return events;
    }

    private static StoredEvent event(long seq) {
        return new StoredEvent(seq, "message", "{\"n\": " + seq + "}", "2026-12-03T16:00:00.000000Z");
    }
}
