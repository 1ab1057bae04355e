package dev.pollfeed.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import dev.pollfeed.events.repository.HeadChangesRepository.Changes;
import dev.pollfeed.events.service.HeadCache.Use;

/** The freshness rules of heads in memory, on a clock the test moves (docs/protocol.md, "Freshness"). */
class HeadCacheTest {

    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final OffsetDateTime MINUTE = OffsetDateTime.parse("2026-12-03T10:00:00Z");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    /** Refreshes asked for and not answered yet, and every cutoff asked. */
    private final Deque<UniEmitter<? super Changes>> refreshes = new ArrayDeque<>();
    private final Deque<OffsetDateTime> cutoffs = new ArrayDeque<>();
    private final HeadCache cache = new HeadCache(since -> {
        cutoffs.add(since == null ? OffsetDateTime.MIN : since);
        return Uni.createFrom().<Changes>emitter(emitter -> refreshes.add(emitter));
    }, BOUND, 1000, clock::get);

    @Test
    void aHeadReadFromTheDatabaseAnswersCaughtUpPollsForTheBoundThenNoLonger() {
        cache.saw("c", 10, clock.get());
        assertEquals(Use.MEMORY, cache.use("c", 10));
        clock.addAndGet(1000);
        assertEquals(Use.MEMORY, cache.use("c", 10));
        clock.addAndGet(1);
        // No refresh chain covers it (the first refresh never came back): only the database can say.
        assertEquals(Use.DATABASE, cache.use("c", 10));
    }

    @Test
    void aCursorBehindOrBeyondTheHeadInMemoryGoesToTheDatabase() {
        cache.saw("c", 10, clock.get());
        assertEquals(Use.DATABASE, cache.use("c", 9), "behind: events to read");
        assertEquals(Use.DATABASE, cache.use("c", 11), "beyond: the client saw newer events than this instance");
        assertEquals(Use.DATABASE, cache.use("unknown", 0));
    }

    @Test
    void refreshesKeepHeadsFreshAndApplyWhatMoved() {
        startChain();
        clock.addAndGet(10);
        cache.saw("quiet", 5, clock.get());
        cache.saw("busy", 7, clock.get());
        clock.addAndGet(600); // past half the bound: the next poll starts a refresh, answered from memory meanwhile
        assertEquals(Use.MEMORY, cache.use("quiet", 5));
        assertEquals(1, refreshes.size());
        assertEquals(MINUTE, cutoffs.getLast(), "a refresh reads from where the previous one said");
        answer(new String[]{"busy"}, new Long[]{9L});
        clock.addAndGet(900); // 1.5 s after the heads were read, 0.9 s after the refresh was sent
        assertEquals(Use.MEMORY, cache.use("quiet", 5), "kept fresh by the refresh: nothing moved");
        assertEquals(Use.DATABASE, cache.use("busy", 7), "the head moved: events to read");
        assertEquals(Use.MEMORY, cache.use("busy", 9));
    }

    @Test
    void aPollFindingHeadsOlderThanTheBoundWaitsForTheRefresh() {
        startChain();
        clock.addAndGet(10);
        cache.saw("c", 5, clock.get());
        clock.addAndGet(1);
        cache.use("c", 5);
        refreshes.clear();
        clock.addAndGet(5_000); // a Lambda environment thawed after five seconds
        assertEquals(Use.AFTER_REFRESH, cache.use("c", 5));
        answer(new String[0], new Long[0]);
        assertEquals(Use.MEMORY, cache.use("c", 5));
    }

    @Test
    void aHeadStoredAfterARefreshWasSentIsNotVouchedForByIt() {
        startChain();
        clock.addAndGet(600);
        cache.saw("x", 0, clock.get());
        cache.use("x", 0); // starts a refresh; its snapshot may predate what the read below returns
        clock.addAndGet(10);
        cache.saw("c", 5, clock.get());
        answer(new String[0], new Long[0]);
        clock.addAndGet(1200);
        assertEquals(Use.AFTER_REFRESH, cache.use("c", 5), "only the next refresh covers it");
        answer(new String[0], new Long[0]);
        clock.addAndGet(600);
        assertEquals(Use.MEMORY, cache.use("c", 5));
    }

    @Test
    void aFailedRefreshEndsTheChain() {
        startChain();
        clock.addAndGet(10);
        cache.saw("c", 5, clock.get());
        clock.addAndGet(600);
        cache.use("c", 5);
        refreshes.poll().fail(new IllegalStateException("database down"));
        cache.use("c", 5);
        assertTrue(refreshes.isEmpty(), "a failed refresh is not retried at once");
        clock.addAndGet(600);
        assertEquals(Use.DATABASE, cache.use("c", 5));
        assertEquals(1, refreshes.size(), "but half a bound later");
    }

    @Test
    void aHeadHeldBeforeANewChainIsCoveredAgainOnceReadAgain() {
        cache.saw("c", 5, clock.get());
        clock.addAndGet(10);
        startChain();
        clock.addAndGet(1500);
        assertEquals(Use.DATABASE, cache.use("c", 5), "held before the chain: no refresh vouches for it");
        cache.saw("c", 5, clock.get());
        answer(new String[0], new Long[0]);
        clock.addAndGet(600);
        cache.use("c", 5);
        answer(new String[0], new Long[0]);
        clock.addAndGet(900);
        assertEquals(Use.MEMORY, cache.use("c", 5), "read again, then covered by the next refresh");
    }

    @Test
    void aPublishOfThisInstanceMovesTheHeadAtOnceButOnlyOfChannelsPolledHere() {
        cache.saw("c", 5, clock.get());
        cache.published("c", 6, clock.get());
        cache.published("not-polled", 3, clock.get());
        assertEquals(Use.DATABASE, cache.use("c", 5));
        assertEquals(Use.MEMORY, cache.use("c", 6));
        assertEquals(Use.DATABASE, cache.use("not-polled", 3));
    }

    @Test
    void headsNeverGoBack() {
        cache.saw("c", 8, clock.get());
        cache.saw("c", 6, clock.get() - 5); // an older read returning late
        assertEquals(Use.MEMORY, cache.use("c", 8));
    }

    @Test
    void aMillionChannelsDoNotGrowTheCacheBeyondItsSize() {
        for (int i = 0; i < 1_000_000; i++) {
            cache.saw("channel-" + i, i, clock.get());
        }
        assertTrue(cache.size() <= 1000, "heads held: " + cache.size());
    }

    @Test
    void theBoundOfZeroReadsEveryHead() {
        HeadCache off = new HeadCache(since -> Uni.createFrom().nothing(), Duration.ZERO, 10, clock::get);
        off.saw("c", 5, clock.get());
        assertEquals(Use.DATABASE, off.use("c", 5));
    }

    private void startChain() {
        cache.saw("nothing", 0, clock.get());
        cache.use("nothing", 0);
        assertEquals(OffsetDateTime.MIN, cutoffs.getLast(), "the first refresh of a chain reads no changes");
        answer(new String[0], new Long[0]);
    }

    private void answer(String[] channels, Long[] heads) {
        refreshes.poll().complete(new Changes(MINUTE, channels, heads));
    }
}
