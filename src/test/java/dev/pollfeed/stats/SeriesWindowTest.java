package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.Refusal;

class SeriesWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-28T05:00:30Z");

    @Test
    void defaultsToTheLastHourByMinute() {
        SeriesWindow window = SeriesWindow.parse(null, null, null, NOW);
        assertEquals(Instant.parse("2026-11-28T04:01:00Z"), window.from());
        assertEquals(Instant.parse("2026-11-28T05:01:00Z"), window.to());
    }

    @Test
    void timesJavaKnowsButPostgresDoesNotAreRefused() {
        // Found by the fuzz test: the first hung its request, the second was a 500.
        for (String[] window : new String[][]{{"+999999999-12-31T00:00:00Z", "+999999999-12-31T01:00:00Z"},
                {"-999999999-01-01T00:00:00+18:00", "-999999999-01-01T01:00:00+18:00"},
                {"1969-12-31T23:00:00Z", "1970-01-01T00:30:00Z"}, {"9999-12-31T12:00:00Z", null}}) {
            Refusal refusal = assertThrows(Refusal.class, () -> SeriesWindow.parse("1m", window[0], window[1], NOW));
            assertEquals(Refusal.Reason.INVALID, refusal.reason());
        }
        SeriesWindow.parse("1h", "1970-01-01T00:00:00Z", "1970-01-02T00:00:00Z", NOW);
    }
}
