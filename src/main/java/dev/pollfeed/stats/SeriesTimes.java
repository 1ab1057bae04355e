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

    static void append(StringBuilder text, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        digits(text, date.getYear(), 4);
        text.append('-');
        digits(text, date.getMonthValue(), 2);
        text.append('-');
        digits(text, date.getDayOfMonth(), 2);
        text.append('T');
        digits(text, secondOfDay / 3600, 2);
        text.append(':');
        digits(text, secondOfDay / 60 % 60, 2);
        text.append(':');
        digits(text, secondOfDay % 60, 2);
        text.append('Z');
    }

    private static void digits(StringBuilder text, int value, int width) {
        for (int divisor = width == 4 ? 1000 : 10; divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
    }
}
