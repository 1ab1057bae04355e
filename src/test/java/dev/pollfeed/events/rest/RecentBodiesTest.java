package dev.pollfeed.events.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RecentBodiesTest {

    @Test
    void aBodyIsWrittenOncePerTagAndKept() {
        RecentBodies bodies = new RecentBodies(1 << 20);
        AtomicInteger built = new AtomicInteger();
        byte[] first = bodies.body("\"a\"", () -> {
            built.incrementAndGet();
            return new byte[]{1, 2, 3};
        });
        byte[] again = bodies.body("\"a\"", () -> {
            built.incrementAndGet();
            return new byte[]{9};
        });
        assertSame(first, again);
        assertEquals(1, built.get());
        bodies.body("\"b\"", () -> {
            built.incrementAndGet();
            return new byte[]{4};
        });
        assertEquals(2, built.get());
    }

    @Test
    void theBodiesHeldStayWithinTheBytesGiven() {
        RecentBodies bodies = new RecentBodies(64 * 1024);
        for (int i = 0; i < 1000; i++) {
            bodies.body("\"" + i + "\"", () -> new byte[4096]);
        }
        assertTrue(bodies.size() <= 64 * 1024 / 4096, "held " + bodies.size());
    }

    @Test
    void offMeansWrittenEveryTime() {
        RecentBodies bodies = new RecentBodies(0);
        byte[] first = bodies.body("\"a\"", () -> new byte[]{1});
        byte[] again = bodies.body("\"a\"", () -> new byte[]{1});
        assertNotSame(first, again);
        assertEquals(0, bodies.size());
    }
}
