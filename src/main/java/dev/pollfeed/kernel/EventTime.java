package dev.pollfeed.kernel;

import java.time.LocalDate;
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
        dateTime(text, utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(), utc.toLocalTime().toSecondOfDay());
        text[19] = '.';
        digits(text, 20, utc.getNano() / 1000, 6);
        text[26] = 'Z';
        return new String(text);
    }

    /** Characters of a whole second's time: {@code 2026-11-28T05:00:00Z}. */
    public static final int WHOLE_SECOND_LENGTH = 20;

    /**
     * Writes a whole second as {@code DateTimeFormatter.ISO_INSTANT} does ({@code 2026-11-28T05:00:00Z}) into the first
     * {@value #WHOLE_SECOND_LENGTH} characters of {@code text}: for bodies that write many of them (stats series).
     */
    public static void writeWholeSecond(char[] text, long epochSecond) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        dateTime(text, date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                (int) Math.floorMod(epochSecond, 86_400));
        text[19] = 'Z';
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} into the first 19 characters of {@code text}. */
    private static void dateTime(char[] text, int year, int month, int day, int secondOfDay) {
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
