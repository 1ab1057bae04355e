package dev.pollfeed.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.pollfeed.kernel.Refusal;

/**
 * A validated {@code stats/series} request: the bucket size and the window, aligned to whole buckets (from rounded
 * down, to rounded up), at most {@value #MAX_POINTS} points.
 */
record SeriesWindow(String bucket, int bucketMinutes, Instant from, Instant to) {

    public static final int MAX_POINTS = 1440;
    private static final Map<String, Integer> BUCKETS = Map.of("1m", 1, "5m", 5, "1h", 60);
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public static SeriesWindow parse(String bucket, String from, String to, Instant now) {
        String name = bucket == null ? "1m" : bucket;
        Integer minutes = BUCKETS.get(name);
        if (minutes == null) {
            throw invalid("'bucket' must be 1m, 5m or 1h.");
        }
        Duration size = Duration.ofMinutes(minutes);
        Instant end = ceil(to == null ? now : instant(to, "to"), size);
        Instant start = floor(from == null ? end.minus(size.multipliedBy(60)) : instant(from, "from"), size);
        if (!start.isBefore(end)) {
            throw invalid("'from' must be before 'to'.");
        }
        long points = Duration.between(start, end).toMinutes() / minutes;
        if (points > MAX_POINTS) {
            throw invalid("At most " + MAX_POINTS + " points per request; this window has " + points + " " + name
                    + " buckets. Narrow it or use a larger bucket.");
        }
        return new SeriesWindow(name, minutes, start, end);
    }

    /** What tells windows apart in a cache key: cheaper than the record's {@code toString} (two ISO instants). */
    String key() {
        return bucket + ' ' + from.getEpochSecond() + ' ' + to.getEpochSecond();
    }

    private static Instant instant(String text, String parameter) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("'" + parameter + "' must be an ISO-8601 date-time with an offset, e.g. 2026-11-28T05:00:00Z.");
        }
        // java.time reaches year ±999999999, PostgreSQL's timestamptz and the bucket arithmetic do not: found by the
        // fuzz test, a window there hung a request (and its connection) or failed with a 500.
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid("'" + parameter + "' must lie between " + EARLIEST + " and " + LATEST + ".");
        }
        return instant;
    }

    private static Instant floor(Instant instant, Duration size) {
        long seconds = size.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    private static Instant ceil(Instant instant, Duration size) {
        Instant floor = floor(instant, size);
        return floor.equals(instant) ? floor : floor.plus(size);
    }

    private static Refusal invalid(String detail) {
        return Refusal.invalid("invalid-stats-query", "Invalid stats query", detail);
    }
}
