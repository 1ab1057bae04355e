package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pollfeed.http.EntityTags;

/** The empty series kept per window are exactly what would be written for it, whichever slot windows share. */
class StatsBodiesTest {

    private final StatsBodies bodies = new StatsBodies(new ObjectMapper());

    @Test
    void anEmptySeriesIsWrittenOncePerWindow() {
        SeriesWindow window = SeriesWindow.parse("1m", null, null, Instant.parse("2026-12-04T04:30:10Z"));
        StatsAnswer first = bodies.series(window, List.of());
        assertSame(first, bodies.series(window, List.of()));
        assertArrayEquals(StatsBodies.seriesBody(window, List.of()), first.body());
        assertEquals(EntityTags.ofBody(first.body()), first.etag());
        assertEquals(60, new String(first.body()).split("\"count\":0").length - 1);
    }

    @Test
    void windowsSharingSlotsNeverGetEachOthersBody() {
        List<SeriesWindow> windows = new ArrayList<>();
        Instant now = Instant.parse("2026-12-04T04:30:10Z");
        for (int minutes = 0; minutes < 40; minutes++) {
            windows.add(SeriesWindow.parse(List.of("1m", "5m", "1h").get(minutes % 3), null, null,
                    now.plusSeconds(60L * minutes)));
        }
        for (int round = 0; round < 3; round++) {
            for (SeriesWindow window : windows) {
                StatsAnswer answer = bodies.series(window, List.of());
                assertArrayEquals(StatsBodies.seriesBody(window, List.of()), answer.body(), window.key());
                assertEquals(EntityTags.ofBody(answer.body()), answer.etag(), window.key());
            }
        }
    }
}
