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
        hints.saw("hot", 5);
        for (int i = 0; i < 2 * HeadHints.MAX_CHANNELS; i++) {
            hints.saw("c" + i, 5);
            if (i % 100 == 0) {
                hints.probablyCaughtUp("hot", 4); // polled all along
            }
        }
        assertTrue(hints.size() <= HeadHints.MAX_CHANNELS, "at most the bound: " + hints.size());
        assertFalse(hints.probablyCaughtUp("hot", 4), "a channel in use survives a flood of new names");
    }
}
