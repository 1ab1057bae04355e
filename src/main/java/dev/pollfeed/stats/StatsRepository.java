package dev.pollfeed.stats;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.db.ReadPool;

/**
 * Dashboard reads, answered from the per-minute counters and the deployment's totals that the write transaction
 * maintains ({@code channel_minutes}, {@code deployment_totals}) and from the channel rows: none of them scans the
 * events or channels table, so each costs the same at a million channels as at ten (the two event rows a
 * channel's stats name, its first and last, are primary-key lookups). Windows end at the start of the current minute,
 * on the database's clock, so every instance gives the same answer for a whole minute and the ETag holds.
 */
@ApplicationScoped
class StatsRepository {

    static final String CHANNEL = """
            WITH m AS (SELECT date_trunc('minute', now()) AS m0)
            SELECT c.head, c.oldest,
                (SELECT e.time FROM events e WHERE e.channel = $1 AND e.seq = c.oldest),
                (SELECT e.time FROM events e WHERE e.channel = $1 AND e.seq = c.head),
                coalesce(sum(cm.count) FILTER (WHERE cm.minute >= m.m0 - interval '1 minute'), 0),
                coalesce(sum(cm.count) FILTER (WHERE cm.minute >= m.m0 - interval '5 minutes'), 0),
                coalesce(sum(cm.count), 0)
            FROM m
            LEFT JOIN channels c ON c.name = $1
            LEFT JOIN channel_minutes cm
                ON cm.channel = $1 AND cm.minute >= m.m0 - interval '1 hour' AND cm.minute < m.m0
            GROUP BY c.head, c.oldest""";

    /** Every bucket from {@code $2} (inclusive) to {@code $3} (exclusive), empty ones included. */
    static final String SERIES = """
            WITH points AS (
                SELECT generate_series($2::timestamptz, $3::timestamptz - make_interval(mins => $4), make_interval(mins => $4)) AS t),
            agg AS (
                SELECT date_bin(make_interval(mins => $4), minute, $2::timestamptz) AS t, type, sum(count) AS n
                FROM channel_minutes WHERE channel = $1 AND minute >= $2 AND minute < $3 GROUP BY 1, 2)
            SELECT p.t, coalesce(sum(a.n), 0),
                coalesce(jsonb_object_agg(a.type, a.n) FILTER (WHERE a.type IS NOT NULL), '{}'::jsonb)::text
            FROM points p LEFT JOIN agg a ON a.t = p.t
            GROUP BY p.t ORDER BY p.t""";

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

    StatsRepository(ReadPool reads) {
        this.reads = reads;
    }

    public Uni<Row> channel(String channel) {
        return reads.query(CHANNEL, Tuple.of(channel)).map(StatsRepository::single);
    }

    public Uni<RowSet<Row>> series(String channel, OffsetDateTime from, OffsetDateTime to, int bucketMinutes) {
        return reads.query(SERIES, Tuple.of(channel, from, to, bucketMinutes));
    }

    public Uni<Row> deployment() {
        return reads.query(DEPLOYMENT, Tuple.tuple()).map(StatsRepository::single);
    }

    private static Row single(RowSet<Row> rows) {
        return rows.iterator().next();
    }
}
