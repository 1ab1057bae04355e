package dev.pollfeed.stats;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.db.ReadPool;
import dev.pollfeed.db.SharedStatements;

/**
 * Dashboard reads, answered from the per-minute counters and the deployment's totals that the write transaction
 * maintains ({@code channel_minutes}, {@code deployment_totals}) and from the channel rows: none of them scans the
 * events or channels table, so each costs the same at a million channels as at ten (a channel's first and last
 * event times are kept in its row; read from the event rows by primary key only where they are not). Windows end at
 * the start of the current minute, on the database's clock, so every instance gives the same answer for a whole minute
 * and the ETag holds.
 */
@Singleton
class StatsRepository {

    /**
     * Several channels' stats in one statement ({@code i}, last, numbers them from 1): concurrent requests share it
     * ({@link SharedStatements}), as polls share their head reads. Channels never written get a row of nulls and zeros.
     * The first and last event times come from the channel row, where the writes keep them (V7); the event row is read
     * only when the time kept there is not its (written by an older version, or none: a channel emptied by retention
     * and written again keeps its head's time only), and no time when the channel holds no event.
     * The counters are not looked at when the channel's last event is older than the hour (and a minute, as a margin):
     * its events' minutes all lie before the window.
     */
    static final String CHANNELS = """
            SELECT c.head, c.oldest,
                CASE WHEN c.head >= c.oldest THEN
                    CASE WHEN c.oldest_time_seq = c.oldest THEN c.oldest_time
                    WHEN c.head_time_seq = c.oldest THEN c.head_time
                    ELSE (SELECT e.time FROM events e WHERE e.channel = q.name AND e.seq = c.oldest) END END,
                CASE WHEN c.head >= c.oldest THEN
                    CASE WHEN c.head_time_seq = c.head THEN c.head_time
                    ELSE (SELECT e.time FROM events e WHERE e.channel = q.name AND e.seq = c.head) END END,
                w.w1, w.w5, w.w60, q.i
            FROM (SELECT date_trunc('minute', now()) AS m0) m
            CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS q(name, i)
            LEFT JOIN LATERAL (
                SELECT head, oldest, oldest_time, oldest_time_seq, head_time, head_time_seq FROM channels
                WHERE name = q.name LIMIT 1) c ON true
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(count) FILTER (WHERE minute >= m.m0 - interval '1 minute'), 0)::int8 AS w1,
                    coalesce(sum(count) FILTER (WHERE minute >= m.m0 - interval '5 minutes'), 0)::int8 AS w5,
                    coalesce(sum(count), 0)::int8 AS w60
                FROM channel_minutes
                WHERE channel = q.name AND minute >= m.m0 - interval '1 hour' AND minute < m.m0
                    AND (c.head_time_seq IS DISTINCT FROM c.head OR c.head_time >= m.m0 - interval '61 minutes')) w""";

    /**
     * The same rows as {@link #CHANNELS} from the channel rows alone, for channels idle for the hour (their counters
     * are all zero) whose kept times are their events', and for channels never written; {@code complete} (last) says
     * which rows those are. The others are read again by {@link #CHANNELS}, whose counter and event lookups cost
     * PostgreSQL their setup even when skipped; most channels of a large deployment are idle (bench/README.md,
     * "Channel stats in one row read").
     */
    static final String IDLE_CHANNELS = """
            SELECT c.head, c.oldest,
                CASE WHEN c.head >= c.oldest THEN
                    CASE WHEN c.oldest_time_seq = c.oldest THEN c.oldest_time
                    WHEN c.head_time_seq = c.oldest THEN c.head_time END END,
                CASE WHEN c.head >= c.oldest THEN c.head_time END,
                0::int8, 0::int8, 0::int8, q.i,
                c.name IS NULL OR (c.head_time_seq = c.head
                    AND c.head_time < date_trunc('minute', now()) - interval '61 minutes'
                    AND (c.head < c.oldest OR c.oldest_time_seq = c.oldest OR c.head_time_seq = c.oldest))
            FROM unnest($1::text[]) WITH ORDINALITY AS q(name, i)
            LEFT JOIN channels c ON c.name = q.name""";

    /**
     * The buckets of several series windows that hold events ({@code i} numbers the windows from 1): the empty ones
     * are filled in by the body writer, so the statement costs one index range of each channel's counters, not a row
     * per point (bench/README.md, "Stats at scale").
     */
    static final String SERIES_OF_MANY = """
            SELECT q.i, s.t, s.type, s.n
            FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int4[]) WITH ORDINALITY
                AS q(channel, since, until, minutes, i)
            CROSS JOIN LATERAL (
                SELECT date_bin(make_interval(mins => q.minutes), minute, q.since) AS t, type, sum(count)::int8 AS n
                FROM channel_minutes WHERE channel = q.channel AND minute >= q.since AND minute < q.until
                GROUP BY 1, 2) s""";

    static final String DEPLOYMENT = """
            WITH m AS (SELECT date_trunc('minute', now()) AS m0),
            totals AS (
                SELECT coalesce(sum(channels), 0) AS channels, coalesce(sum(events), 0) AS events FROM deployment_totals),
            recent AS (
                SELECT coalesce(sum(count) FILTER (WHERE minute >= m.m0 - interval '1 minute'), 0) AS w1,
                    coalesce(sum(count) FILTER (WHERE minute >= m.m0 - interval '5 minutes'), 0) AS w5,
                    coalesce(sum(count), 0) AS w60
                FROM m JOIN channel_minutes ON minute >= m.m0 - interval '1 hour' AND minute < m.m0),
            top AS (
                SELECT channel, sum(count) AS n FROM m JOIN channel_minutes
                    ON minute >= m.m0 - interval '5 minutes' AND minute < m.m0
                GROUP BY channel ORDER BY n DESC, channel LIMIT 10)
            SELECT totals.channels, totals.events, recent.w1, recent.w5, recent.w60,
                (SELECT coalesce(json_agg(json_build_object('channel', channel, 'rate5m', trim_scale(round(n / 5.0, 3))) ORDER BY n DESC, channel),
                    '[]'::json)::text FROM top)
            FROM totals, recent""";

    private final ReadPool reads;
    private final SharedStatements<String, Row> idleChannels;
    private final SharedStatements<String, Row> channels;
    private final SharedStatements<SeriesRequest, List<Row>> series;

    StatsRepository(ReadPool reads, PollfeedConfig config, Vertx vertx) {
        this.reads = reads;
        int inFlight = config.polling().sharedReadsInFlight();
        int batch = config.polling().sharedReadBatch();
        this.idleChannels = new SharedStatements<>(vertx, inFlight, batch, name -> 1,
                names -> readChannels(IDLE_CHANNELS, names));
        this.channels = new SharedStatements<>(vertx, inFlight, batch, name -> 1, names -> readChannels(CHANNELS, names));
        this.series = new SharedStatements<>(vertx, inFlight, batch, request -> 1, this::readSeries);
    }

    /**
     * The channel's row: head, oldest, first and last event time, events in the last 1, 5 and 60 minutes; handed to
     * {@code answer} (row or failure) on the caller's context, without a {@code Uni} (ChannelStatsRoute). Read from the
     * channel row alone when that says all ({@link #IDLE_CHANNELS}), else by {@link #CHANNELS}.
     */
    public void channel(String channel, BiConsumer<Row, Throwable> answer) {
        idleChannels.submit(List.of(channel), (rows, failure) -> {
            if (failure != null) {
                answer.accept(null, failure);
            } else if (Boolean.TRUE.equals(rows.get(0).getBoolean(8))) {
                answer.accept(rows.get(0), null);
            } else {
                channels.submit(List.of(channel),
                        (full, fault) -> answer.accept(fault == null ? full.get(0) : null, fault));
            }
        });
    }

    /** The buckets of the window that hold events, as rows of bucket start, type and count, in no order. */
    public void series(String channel, OffsetDateTime from, OffsetDateTime to, int bucketMinutes,
            BiConsumer<List<Row>, Throwable> answer) {
        series.submit(List.of(new SeriesRequest(channel, from, to, bucketMinutes)),
                (rows, failure) -> answer.accept(failure == null ? rows.get(0) : null, failure));
    }

    private record SeriesRequest(String channel, OffsetDateTime from, OffsetDateTime to, int bucketMinutes) {
    }

    private Uni<List<Row>> readChannels(String sql, List<String> names) {
        return reads.query(sql, Tuple.tuple().addArrayOfString(names.toArray(String[]::new))).map(rows -> {
            Row[] inOrder = new Row[names.size()];
            for (Row row : rows) {
                inOrder[row.getLong(7).intValue() - 1] = row;
            }
            return Arrays.asList(inOrder);
        });
    }

    private Uni<List<List<Row>>> readSeries(List<SeriesRequest> requests) {
        int n = requests.size();
        String[] names = new String[n];
        OffsetDateTime[] from = new OffsetDateTime[n];
        OffsetDateTime[] to = new OffsetDateTime[n];
        Integer[] minutes = new Integer[n];
        for (int i = 0; i < n; i++) {
            SeriesRequest request = requests.get(i);
            names[i] = request.channel();
            from[i] = request.from();
            to[i] = request.to();
            minutes[i] = request.bucketMinutes();
        }
        Tuple arrays = Tuple.tuple()
                .addArrayOfString(names)
                .addArrayOfOffsetDateTime(from)
                .addArrayOfOffsetDateTime(to)
                .addArrayOfInteger(minutes);
        return reads.query(SERIES_OF_MANY, arrays).map(rows -> {
            List<List<Row>> buckets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                buckets.add(new ArrayList<>());
            }
            for (Row row : rows) {
                buckets.get(row.getLong(0).intValue() - 1).add(row);
            }
            return buckets;
        });
    }

    public Uni<Row> deployment() {
        return reads.query(DEPLOYMENT, Tuple.tuple()).map(StatsRepository::single);
    }

    private static Row single(RowSet<Row> rows) {
        return rows.iterator().next();
    }
}
