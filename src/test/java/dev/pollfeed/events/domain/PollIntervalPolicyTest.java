package dev.pollfeed.events.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PollIntervalPolicyTest {

    private final PollIntervalPolicy policy = new PollIntervalPolicy(2, 30, 60);

    @Test
    void aBusyChannelKeepsTheBaseInterval() {
        assertEquals(2, policy.seconds(0));
        assertEquals(2, policy.seconds(59_999));
    }

    @Test
    void aQuietChannelDoublesEachTimeItsQuietSpellDoubles() {
        assertEquals(4, policy.seconds(60_000));
        assertEquals(4, policy.seconds(119_999));
        assertEquals(8, policy.seconds(120_000));
        assertEquals(16, policy.seconds(240_000));
    }

    @Test
    void theIntervalStopsAtTheCap() {
        assertEquals(30, policy.seconds(480_000));
        assertEquals(30, policy.seconds(Long.MAX_VALUE));
    }

    @Test
    void severalChannelsGetTheShortestInterval() {
        assertEquals(2, policy.seconds(new long[]{Long.MAX_VALUE, 1_000, 600_000}));
        assertEquals(8, policy.seconds(new long[]{Long.MAX_VALUE, 130_000}));
    }

    @Test
    void aCapAtTheBaseTurnsAdaptationOff() {
        PollIntervalPolicy fixed = new PollIntervalPolicy(10, 10, 60);
        assertEquals(10, fixed.seconds(Long.MAX_VALUE));
        assertEquals(10, new PollIntervalPolicy(10, 5, 60).seconds(Long.MAX_VALUE));
    }

    @Test
    void nonsenseSettingsAreClampedNotFatal() {
        PollIntervalPolicy odd = new PollIntervalPolicy(0, 0, 0);
        assertEquals(1, odd.seconds(0));
        assertEquals(1, odd.seconds(Long.MAX_VALUE));
    }
}
