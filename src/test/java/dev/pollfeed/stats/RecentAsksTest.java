package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentAsksTest {

    @Test
    void aKeyIsAskedBeforeOnlyFromItsSecondAskWithinTheBound() {
        RecentAsks asks = new RecentAsks(1_000);
        long now = 1_764_800_000_000L;
        assertFalse(asks.askedBefore("channel a", now));
        assertTrue(asks.askedBefore("channel a", now + 999));
        assertTrue(asks.askedBefore("channel a", now + 1_500));
        assertFalse(asks.askedBefore("channel b", now + 1_500));
    }

    @Test
    void anAskOlderThanTheBoundDoesNotCount() {
        RecentAsks asks = new RecentAsks(1_000);
        long now = 1_764_800_000_000L;
        assertFalse(asks.askedBefore("series a 1m", now));
        assertFalse(asks.askedBefore("series a 1m", now + 1_000));
        assertTrue(asks.askedBefore("series a 1m", now + 1_001));
    }

    @Test
    void theMillisecondCounterMayWrap() {
        RecentAsks asks = new RecentAsks(1_000);
        long beforeWrap = 0xFFFF_FF00L;
        assertFalse(asks.askedBefore("channel w", beforeWrap));
        assertTrue(asks.askedBefore("channel w", beforeWrap + 0x200));
    }
}
