package dev.pollfeed.events.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.Refusal;

class PagePlanTest {

    private static final ChannelName CHANNEL = ChannelName.parse("c");

    @Test
    void partialPageEndsAtHead() {
        PagePlan plan = PagePlan.of(CHANNEL, new ChannelHead(7, 1), new Since.After(3), 100);
        assertEquals(new PagePlan(CHANNEL, 3, 7, false), plan);
        assertEquals(4, plan.expectedEvents());
        assertEquals(7, plan.next());
    }

    @Test
    void fullPageStopsAtLimitAndSaysMore() {
        PagePlan plan = PagePlan.of(CHANNEL, new ChannelHead(250, 1), new Since.After(0), 100);
        assertEquals(new PagePlan(CHANNEL, 0, 100, true), plan);
    }

    @Test
    void pageEndingExactlyAtHeadHasNoMore() {
        assertFalse(PagePlan.of(CHANNEL, new ChannelHead(100, 1), new Since.After(0), 100).more());
    }

    @Test
    void caughtUpAndAheadAreEmptyWithNextAtTheCursor() {
        assertEquals(new PagePlan(CHANNEL, 5, 5, false), PagePlan.of(CHANNEL, new ChannelHead(5, 1), new Since.After(5), 10));
        PagePlan ahead = PagePlan.of(CHANNEL, new ChannelHead(5, 1), new Since.After(9), 10);
        assertFalse(ahead.hasEvents());
        assertEquals(9, ahead.next());
    }

    @Test
    void nowStartsAtHead() {
        assertEquals(new PagePlan(CHANNEL, 42, 42, false), PagePlan.of(CHANNEL, new ChannelHead(42, 1), Since.NOW, 10));
        assertEquals(0, PagePlan.of(CHANNEL, ChannelHead.EMPTY, Since.NOW, 10).next());
    }

    @Test
    void cursorBelowRetainedWindowIsGoneWithOldest() {
        ChannelHead pruned = new ChannelHead(100, 50);
        assertTrue(PagePlan.of(CHANNEL, pruned, new Since.After(49), 10).hasEvents());
        Refusal gone = assertThrows(Refusal.class, () -> PagePlan.of(CHANNEL, pruned, new Since.After(48), 10));
        assertEquals(Refusal.Reason.EXPIRED, gone.reason());
        assertEquals(50L, gone.details().get("oldest"));
        assertEquals("c", gone.details().get("channel"), "a multi-channel poll must say which channel expired");
    }
}
