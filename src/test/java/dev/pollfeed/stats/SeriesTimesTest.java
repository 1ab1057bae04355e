package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.EventTime;

/** A series point's {@code t} ({@code EventTime.writeWholeSecond}) for every second a series window may reach. */
class SeriesTimesTest {

    @Test
    void writesWhatIsoInstantWritesForEveryYearASeriesMayReach() {
        long[] seconds = {0, 59, 951_782_400L /* 2000-02-29 */, SeriesWindow.LATEST.getEpochSecond(),
                SeriesWindow.LATEST.getEpochSecond() + 3600};
        for (long second : seconds) {
            assertSame(second);
        }
        for (int i = 0; i < 10_000; i++) {
            assertSame(ThreadLocalRandom.current().nextLong(0, SeriesWindow.LATEST.getEpochSecond()) / 60 * 60);
        }
    }

    private static void assertSame(long second) {
        char[] text = new char[EventTime.WHOLE_SECOND_LENGTH];
        EventTime.writeWholeSecond(text, second);
        assertEquals(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)), new String(text));
    }
}
