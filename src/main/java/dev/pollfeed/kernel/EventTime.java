package dev.pollfeed.kernel;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The wire format of an event's {@code time}: UTC, always six fractional digits, e.g. 2026-11-28T05:00:00.123456Z. */
public final class EventTime {

    /**
     * A timestamptz as microseconds since the epoch, for statements whose rows are decoded by hand (a bigint is the
     * cheapest column to decode).
     */
    public static final String SQL_EPOCH_MICROS = "cast(extract(epoch from time) * 1000000 as bigint)";

    private static final long MICROS_PER_SECOND = 1_000_000;

    private EventTime() {
    }

    public static String formatEpochMicros(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int fraction = (int) Math.floorMod(micros, MICROS_PER_SECOND);
        return format(LocalDateTime.ofEpochSecond(seconds, fraction * 1000, ZoneOffset.UTC));
    }

    public static String format(OffsetDateTime time) {
        return format(time.getOffset().equals(ZoneOffset.UTC)
                ? time.toLocalDateTime()
                : time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    /**
     * Written digit by digit, for speed (docs/decisions/0006-event-times-formatted-by-hand.md). Years are 0000-9999,
     * as PostgreSQL's timestamptz range here.
     */
    private static String format(LocalDateTime utc) {
        char[] text = new char[27];
        digits(text, 0, utc.getYear(), 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, utc.getNano() / 1000, 6);
        text[26] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
