package dev.pollfeed.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EventTimeTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    @Test
    void matchesTheReferenceFormatterEverywhere() {
        Random random = new Random(42);
        long min = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long micros = (min + (long) (random.nextDouble() * (max - min))) * 1_000_000 + random.nextInt(1_000_000);
            Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            String expected = REFERENCE.format(instant.atOffset(ZoneOffset.UTC));
            assertEquals(expected, EventTime.formatEpochMicros(micros));
            assertEquals(expected, EventTime.format(instant.atOffset(ZoneOffset.ofHours(-7))));
        }
    }

    @Test
    void edges() {
        assertEquals("1970-01-01T00:00:00.000000Z", EventTime.formatEpochMicros(0));
        assertEquals("1969-12-31T23:59:59.999999Z", EventTime.formatEpochMicros(-1));
        assertEquals("2026-11-28T05:00:00.123456Z",
                EventTime.format(OffsetDateTime.parse("2026-11-28T06:00:00.123456+01:00")));
    }
}
