package dev.pollfeed.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.pollfeed.events.domain.PollIntervalPolicy;
import dev.pollfeed.kernel.ChannelName;

class ChannelActivityTest {

    private static final ChannelName A = ChannelName.parse("a");
    private static final ChannelName B = ChannelName.parse("b");

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ChannelActivity activity = new ChannelActivity(new PollIntervalPolicy(2, 30, 60), now::get);

    @Test
    void aChannelNeverSeenGetsTheBaseInterval() {
        assertEquals(2, activity.intervalSeconds(List.of(A)));
    }

    @Test
    void anUnmovedHeadStretchesTheIntervalAndAMovedOneBringsItBack() {
        activity.saw("a", 5);
        now.addAndGet(61_000);
        activity.saw("a", 5);
        assertEquals(4, activity.intervalSeconds(List.of(A)));
        now.addAndGet(600_000);
        assertEquals(30, activity.intervalSeconds(List.of(A)));
        activity.saw("a", 6);
        assertEquals(2, activity.intervalSeconds(List.of(A)));
    }

    @Test
    void severalChannelsTakeTheShortest() {
        activity.saw("a", 1);
        now.addAndGet(600_000);
        activity.saw("b", 1);
        assertEquals(30, activity.intervalSeconds(List.of(A)));
        assertEquals(2, activity.intervalSeconds(List.of(A, B)));
        assertEquals(2, activity.intervalSeconds(List.of(B, A)));
        now.addAndGet(130_000);
        assertEquals(8, activity.intervalSeconds(List.of(A, B)), "b quiet for 130 s, a for longer");
        assertEquals(8, activity.intervalSeconds(List.of(B, A)));
    }

    @Test
    void isBoundedAndForgettingOnlyShortensIntervals() {
        activity.saw("a", 1);
        now.addAndGet(600_000);
        for (int i = 0; i < 2 * ChannelActivity.MAX_CHANNELS; i++) {
            activity.saw("c" + i, 1);
        }
        assertTrue(activity.size() <= ChannelActivity.MAX_CHANNELS, "at most the bound: " + activity.size());
        int interval = activity.intervalSeconds(List.of(A));
        assertTrue(interval == 2 || interval == 30, "remembered (30) or forgotten (2, shorter): " + interval);
    }
}
