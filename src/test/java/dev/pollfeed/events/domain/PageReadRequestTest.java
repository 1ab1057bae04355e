package dev.pollfeed.events.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.ChannelName;

class PageReadRequestTest {

    private static final ChannelName CHANNEL = new ChannelName("c");

    @Test
    void expectsTheEventsUpToTheLastHeadSeenWithinTheLimit() {
        assertEquals(3, PageRead.Request.of(CHANNEL, new Since.After(10), 100, 13).expected());
        assertEquals(100, PageRead.Request.of(CHANNEL, new Since.After(10), 100, 500).expected());
    }

    @Test
    void expectsOneWhenNothingIsKnown() {
        PageRead.Request request = PageRead.Request.of(CHANNEL, new Since.After(10), 100, 0);
        assertEquals(1, request.expected());
        assertEquals(110, request.upTo());
    }

    @Test
    void aCursorNearTheTopOfTheRangeDoesNotOverflow() {
        PageRead.Request request = PageRead.Request.of(CHANNEL, new Since.After(Long.MAX_VALUE - 1), 100, 0);
        assertEquals(Long.MAX_VALUE, request.upTo());
        assertEquals(1, request.expected());
    }
}
