package dev.pollfeed.events.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pollfeed.kernel.Refusal;

class PageLimitTest {

    @Test
    void defaultsToOneHundred() {
        assertEquals(100, PageLimit.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10", "1000", "0100"})
    void acceptsOneToOneThousand(String raw) {
        assertEquals(Integer.parseInt(raw), PageLimit.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1001", "-1", "1.5", "ten", "99999999999"})
    void rejectsTheRest(String raw) {
        assertEquals(Refusal.Reason.INVALID, assertThrows(Refusal.class, () -> PageLimit.parse(raw)).reason());
    }
}
