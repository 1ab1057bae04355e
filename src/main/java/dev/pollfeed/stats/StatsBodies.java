package dev.pollfeed.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Row;

import dev.pollfeed.kernel.EventTime;

/** Writes stats bodies straight from the counter rows; jsonb aggregates are written raw. */
@Singleton
class StatsBodies {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    /** Empty series kept per window, in a few slots: see {@link #series}. */
    private static final int EMPTY_SERIES_SLOTS = 8;

    private final JsonFactory factory;
    private final AtomicReferenceArray<EmptySeries> emptySeries = new AtomicReferenceArray<>(EMPTY_SERIES_SLOTS);

    StatsBodies(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /**
     * {@code {"channel","head","oldest","count","firstEventAt","lastEventAt","rates":{"1m","5m","1h"}}}, written by
     * hand as poll bodies are (docs/decisions/0003-hand-written-response-bodies.md): a channel name needs no escaping.
     */
    StatsAnswer channel(String channel, Row row) {
        long head = row.getLong(0) == null ? 0 : row.getLong(0);
        long oldest = row.getLong(1) == null ? 1 : row.getLong(1);
        StringBuilder json = new StringBuilder(224);
        json.append("{\"channel\":\"")
                .append(channel)
                .append("\",\"head\":")
                .append(head)
                .append(",\"oldest\":")
                .append(oldest)
                .append(",\"count\":")
                .append(Math.max(0, head - oldest + 1));
        time(json, ",\"firstEventAt\":", row.getOffsetDateTime(2));
        time(json, ",\"lastEventAt\":", row.getOffsetDateTime(3));
        json.append(",\"rates\":{\"1m\":")
                .append(perMinute(row.getLong(4), 1))
                .append(",\"5m\":")
                .append(perMinute(row.getLong(5), 5))
                .append(",\"1h\":")
                .append(perMinute(row.getLong(6), 60))
                .append("}}");
        return StatsAnswer.of(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code {"bucket":"1m","points":[{"t","count","types":{…}}]}}: every bucket of the window, from the rows of the
     * buckets that hold events (start, type, count); written by hand, types escaped. A window without events has the
     * same answer for every channel (most channels of a large deployment are idle), so that one is kept per window,
     * ETag and all, in a few slots; a window lasts a minute at most.
     */
    StatsAnswer series(SeriesWindow window, List<Row> rows) {
        if (!rows.isEmpty()) {
            return StatsAnswer.of(seriesBody(window, rows));
        }
        int slot = window.hashCode() & (EMPTY_SERIES_SLOTS - 1);
        EmptySeries kept = emptySeries.get(slot);
        if (kept != null && kept.window().equals(window)) {
            return kept.answer();
        }
        StatsAnswer answer = StatsAnswer.of(seriesBody(window, rows));
        emptySeries.set(slot, new EmptySeries(window, answer));
        return answer;
    }

    private record EmptySeries(SeriesWindow window, StatsAnswer answer) {
    }

    static byte[] seriesBody(SeriesWindow window, List<Row> rows) {
        Map<Long, Map<String, Long>> counted = new HashMap<>();
        for (Row row : rows) {
            counted.computeIfAbsent(row.getOffsetDateTime(1).toEpochSecond(), t -> new TreeMap<>())
                    .merge(row.getString(2), row.getLong(3), Long::sum);
        }
        long step = window.bucketMinutes() * 60L;
        long start = window.from().getEpochSecond();
        long end = window.to().getEpochSecond();
        StringBuilder json = new StringBuilder(64 + 56 * (int) ((end - start) / step));
        char[] time = new char[EventTime.WHOLE_SECOND_LENGTH];
        json.append("{\"bucket\":\"").append(window.bucket()).append("\",\"points\":[");
        for (long t = start; t < end; t += step) {
            Map<String, Long> types = counted.isEmpty() ? Map.of() : counted.getOrDefault(t, Map.of());
            long count = 0;
            for (long n : types.values()) {
                count += n;
            }
            EventTime.writeWholeSecond(time, t);
            json.append(t == start ? "{\"t\":\"" : ",{\"t\":\"")
                    .append(time)
                    .append("\",\"count\":")
                    .append(count)
                    .append(",\"types\":{");
            boolean first = true;
            for (Map.Entry<String, Long> type : types.entrySet()) {
                json.append(first ? "\"" : ",\"");
                STRINGS.quoteAsString(type.getKey(), json);
                json.append("\":").append(type.getValue().longValue());
                first = false;
            }
            json.append("}}");
        }
        json.append("]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"channels","eventsStored","eventsWritten":{"1m","5m","1h"},"topChannels":[{"channel","rate5m"}]}} */
    StatsAnswer deployment(Row row) {
        return StatsAnswer.of(write(json -> {
            json.writeStartObject();
            json.writeNumberField("channels", row.getLong(0));
            json.writeNumberField("eventsStored", row.getLong(1));
            json.writeObjectFieldStart("eventsWritten");
            json.writeNumberField("1m", row.getLong(2));
            json.writeNumberField("5m", row.getLong(3));
            json.writeNumberField("1h", row.getLong(4));
            json.writeEndObject();
            json.writeFieldName("topChannels");
            json.writeRawValue(row.getString(5));
            json.writeEndObject();
        }));
    }

    /** Events per minute over the last 1, 5 and 60 complete minutes, at most three decimals, no trailing zeros. */
    private static String perMinute(long events, int minutes) {
        if (events == 0) {
            return "0";
        }
        BigDecimal rate = BigDecimal.valueOf(events)
                .divide(BigDecimal.valueOf(minutes), 3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return (rate.scale() < 0 ? rate.setScale(0) : rate).toPlainString();
    }

    private static void time(StringBuilder json, String field, OffsetDateTime time) {
        json.append(field);
        if (time == null) {
            json.append("null");
        } else {
            json.append('"').append(EventTime.format(time)).append('"');
        }
    }

    private byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = factory.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Writer {

        void write(JsonGenerator json) throws IOException;
    }
}
