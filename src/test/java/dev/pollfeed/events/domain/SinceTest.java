package dev.pollfeed.events.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pollfeed.kernel.Refusal;

class SinceTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "17", "0017", "9223372036854775807"})
    void acceptsPlainDigitsUpToLongMax(String raw) {
        assertEquals(new Since.After(Long.parseLong(raw)), Since.parse(raw, "since"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1.0", "1e3", "abc", "NOW", "now ", " 1", "9223372036854775808",
            "99999999999999999999", "0x10", "１"})
    void rejectsEverythingElse(String raw) {
        Refusal problem = assertThrows(Refusal.class, () -> Since.parse(raw, "since"));
        assertEquals(Refusal.Reason.INVALID, problem.reason());
    }

    @org.junit.jupiter.api.Test
    void defaultsToZeroAndKnowsNow() {
        assertEquals(new Since.After(0), Since.parse(null, "since"));
        assertSame(Since.NOW, Since.parse("now", "since"));
    }
}
