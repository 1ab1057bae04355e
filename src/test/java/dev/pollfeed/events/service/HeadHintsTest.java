package dev.pollfeed.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadHintsTest {

    @Test
    void aChannelNotSeenIsProbablyCaughtUp() {
        assertTrue(new HeadHints().probablyCaughtUp("never", 0));
    }

    @Test
    void aCursorBehindTheLastHeadSeenExpectsEvents() {
        HeadHints hints = new HeadHints();
        hints.saw("c", 10);
        assertFalse(hints.probablyCaughtUp("c", 9));
        assertTrue(hints.probablyCaughtUp("c", 10));
        assertTrue(hints.probablyCaughtUp("c", 11));
    }

    @Test
    void remembersTheLastHeadSeen() {
        HeadHints hints = new HeadHints();
        assertEquals(0, hints.lastSeen("c"));
        hints.saw("c", 10);
        hints.saw("c", 12);
        assertEquals(12, hints.lastSeen("c"));
    }

    @Test
    void staysBounded() {
        HeadHints hints = new HeadHints();
        for (int i = 0; i <= HeadHints.MAX_CHANNELS; i++) {
            hints.saw("c" + i, 5);
        }
        assertFalse(hints.probablyCaughtUp("c" + HeadHints.MAX_CHANNELS, 4), "the newest is kept");
        assertTrue(hints.probablyCaughtUp("c0", 4), "the rest was forgotten");
    }
}
