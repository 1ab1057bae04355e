package dev.pollfeed.stats;

import java.time.LocalDate;

/**
 * A series point's {@code t}, as {@code DateTimeFormatter.ISO_INSTANT} writes a whole second ({@code
 * 2026-11-28T05:00:00Z}), digit by digit: 60 to 1,440 of them per body (docs/decisions/0006-event-times-formatted-by-hand.md).
 * Years are 1970-9999, as {@link SeriesWindow} allows.
 */
final class SeriesTimes {

    private SeriesTimes() {
    }

    /** Characters of a time: {@code 2026-11-28T05:00:00Z}. */
    static final int LENGTH = 20;

    static void append(StringBuilder text, long epochSecond) {
        char[] time = new char[LENGTH];
        write(time, epochSecond);
        text.append(time);
    }

    /** Writes the time into {@code time}'s {@value #LENGTH} characters: a point's time goes out in one append. */
    static void write(char[] time, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        digits(time, 0, date.getYear(), 4);
        time[4] = '-';
        digits(time, 5, date.getMonthValue(), 2);
        time[7] = '-';
        digits(time, 8, date.getDayOfMonth(), 2);
        time[10] = 'T';
        digits(time, 11, secondOfDay / 3600, 2);
        time[13] = ':';
        digits(time, 14, secondOfDay / 60 % 60, 2);
        time[16] = ':';
        digits(time, 17, secondOfDay % 60, 2);
        time[19] = 'Z';
    }

    private static void digits(char[] time, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            time[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
