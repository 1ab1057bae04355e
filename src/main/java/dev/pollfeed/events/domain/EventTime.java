package dev.pollfeed.events.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The wire format of an event's {@code time}: UTC, always six fractional digits, e.g. 2026-11-28T05:00:00.123456Z. */
public final class EventTime {

    /**
     * A timestamptz as microseconds since the epoch, for native statements run through Hibernate (whose parser would
     * read the colons of a to_char pattern as parameters).
     */
    public static final String SQL_EPOCH_MICROS = "cast(extract(epoch from time) * 1000000 as bigint)";

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private EventTime() {
    }

    public static String formatEpochMicros(long micros) {
        return FORMAT.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    public static String format(OffsetDateTime time) {
        return FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
