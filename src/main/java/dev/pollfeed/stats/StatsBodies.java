package dev.pollfeed.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Row;

import dev.pollfeed.kernel.EventTime;

/** Writes stats bodies straight from the counter rows; jsonb aggregates are written raw. */
@ApplicationScoped
class StatsBodies {

    private final JsonFactory factory;

    StatsBodies(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /** {@code {"channel","head","oldest","count","firstEventAt","lastEventAt","rates":{"1m","5m","1h"}}} */
    byte[] channel(String channel, Row row) {
        long head = row.getLong(0) == null ? 0 : row.getLong(0);
        long oldest = row.getLong(1) == null ? 1 : row.getLong(1);
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("channel", channel);
            json.writeNumberField("head", head);
            json.writeNumberField("oldest", oldest);
            json.writeNumberField("count", Math.max(0, head - oldest + 1));
            writeTime(json, "firstEventAt", row.getOffsetDateTime(2));
            writeTime(json, "lastEventAt", row.getOffsetDateTime(3));
            writeRates(json, "rates", row.getLong(4), row.getLong(5), row.getLong(6));
            json.writeEndObject();
        });
    }

    /**
     * {@code {"bucket":"1m","points":[{"t","count","types":{…}}]}}: every bucket of the window, from the rows of the
     * buckets that hold events (start, type, count).
     */
    byte[] series(SeriesWindow window, List<Row> rows) {
        Map<Instant, Map<String, Long>> counted = new HashMap<>();
        for (Row row : rows) {
            counted.computeIfAbsent(row.getOffsetDateTime(1).toInstant(), t -> new TreeMap<>())
                    .merge(row.getString(2), row.getLong(3), Long::sum);
        }
        Duration bucket = Duration.ofMinutes(window.bucketMinutes());
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("bucket", window.bucket());
            json.writeArrayFieldStart("points");
            for (Instant t = window.from(); t.isBefore(window.to()); t = t.plus(bucket)) {
                Map<String, Long> types = counted.getOrDefault(t, Map.of());
                json.writeStartObject();
                json.writeStringField("t", DateTimeFormatter.ISO_INSTANT.format(t));
                json.writeNumberField("count", types.values().stream().mapToLong(Long::longValue).sum());
                json.writeObjectFieldStart("types");
                for (Map.Entry<String, Long> type : types.entrySet()) {
                    json.writeNumberField(type.getKey(), type.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"channels","eventsStored","eventsWritten":{"1m","5m","1h"},"topChannels":[{"channel","rate5m"}]}} */
    byte[] deployment(Row row) {
        return write(json -> {
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
        });
    }

    /** Events per minute over the last 1, 5 and 60 complete minutes. */
    private static void writeRates(JsonGenerator json, String field, long last1, long last5, long last60)
            throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("1m", perMinute(last1, 1));
        json.writeNumberField("5m", perMinute(last5, 5));
        json.writeNumberField("1h", perMinute(last60, 60));
        json.writeEndObject();
    }

    private static BigDecimal perMinute(long events, int minutes) {
        BigDecimal rate = BigDecimal.valueOf(events)
                .divide(BigDecimal.valueOf(minutes), 3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return rate.scale() < 0 ? rate.setScale(0) : rate;
    }

    private static void writeTime(JsonGenerator json, String field, OffsetDateTime time) throws IOException {
        if (time == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, EventTime.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
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
