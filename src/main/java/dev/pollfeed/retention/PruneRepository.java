package dev.pollfeed.retention;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Retention's statements, run inside the caller's transaction. Events are only ever removed as a prefix of a channel
 * (from {@code oldest} up), and {@code oldest} moves in the same statement, so a poller sees either the old window or
 * the new one, and a cursor below the new window is answered with 410 rather than with a silent gap.
 */
@ApplicationScoped
class PruneRepository {

    /**
     * Looks at up to {@code batch} events from the channel's oldest, finds the longest prefix that is expired (beyond
     * the count limit or older than the cutoff), raises {@code oldest} past it and deletes it. Takes the channel's row
     * lock, so it waits for, and is waited for by, writers of that channel for the length of one batch. The new oldest
     * event's time goes into the row with it (V7); none when the channel is left empty, or its event is not in this
     * statement's snapshot (stats then read the event row).
     */
    private static final String PRUNE_BATCH = """
            WITH ch AS (
                SELECT head, oldest FROM channels WHERE name = :channel FOR UPDATE),
            candidates AS (
                SELECT e.seq, (e.seq <= ch.head - :maxEvents OR e.time < now() - make_interval(secs => :maxAgeSeconds)) AS expired
                FROM ch JOIN events e ON e.channel = :channel AND e.seq >= ch.oldest AND e.seq < ch.oldest + :batch),
            boundary AS (
                SELECT coalesce(min(seq) FILTER (WHERE NOT expired), max(seq) + 1) AS keep_from FROM candidates),
            moved AS (
                UPDATE channels c SET oldest = b.keep_from, (oldest_time, oldest_time_seq) = (
                        SELECT e.time, e.seq FROM events e WHERE e.channel = :channel AND e.seq = b.keep_from)
                FROM boundary b, ch
                WHERE c.name = :channel AND b.keep_from > ch.oldest
                RETURNING ch.oldest AS was, c.oldest AS now),
            deleted AS (
                DELETE FROM events e USING moved m
                WHERE e.channel = :channel AND e.seq >= m.was AND e.seq < m.now
                RETURNING 1),
            totalled AS (
                INSERT INTO deployment_totals (stripe, events) SELECT mod(pg_backend_pid(), 16), -count(*) FROM deleted
                ON CONFLICT (stripe) DO UPDATE SET events = deployment_totals.events + excluded.events)
            SELECT count(*) FROM deleted""";

    /**
     * The channels that may have something to prune under the most aggressive policy in force: more events than the
     * smallest count limit, or an oldest event older than the shortest age limit, by the time kept in the channel row
     * (V7; the event row where none is kept). Channels well inside every window cost no transaction at all. One scan of
     * the channels, not a probe of events per channel (bench/README.md, "Channel stats in one row read").
     */
    private static final String CHANNELS_TO_VISIT = """
            SELECT c.name FROM channels c
            WHERE c.head >= c.oldest
              AND (c.head - c.oldest + 1 > :maxEvents
                OR CASE WHEN c.oldest_time_seq = c.oldest THEN c.oldest_time
                    ELSE (SELECT e.time FROM events e WHERE e.channel = c.name AND e.seq = c.oldest) END
                    < now() - make_interval(secs => :maxAgeSeconds))
            ORDER BY c.name""";

    /** Stats counters and idempotency keys expire too, a bounded batch at a time. */
    private static final String PRUNE_COUNTERS = """
            WITH doomed AS (
                SELECT channel, minute, type FROM channel_minutes
                WHERE minute < now() - make_interval(secs => :maxAgeSeconds) LIMIT :batch),
            deleted AS (
                DELETE FROM channel_minutes m USING doomed d
                WHERE m.channel = d.channel AND m.minute = d.minute AND m.type = d.type RETURNING 1)
            SELECT count(*) FROM deleted""";

    private static final String PRUNE_KEYS = """
            WITH doomed AS (
                SELECT channel, key FROM idempotency_keys
                WHERE created_at < now() - make_interval(secs => :maxAgeSeconds) LIMIT :batch),
            deleted AS (
                DELETE FROM idempotency_keys k USING doomed d
                WHERE k.channel = d.channel AND k.key = d.key RETURNING 1)
            SELECT count(*) FROM deleted""";

    /** Channels that might hold expired events under a policy at least as strict as every policy in force. */
    public Uni<List<String>> channelsToVisit(Duration shortestMaxAge, long smallestMaxEvents) {
        return session().chain(session -> session.createNativeQuery(CHANNELS_TO_VISIT, String.class)
                .setParameter("maxEvents", smallestMaxEvents)
                .setParameter("maxAgeSeconds", seconds(shortestMaxAge))
                .getResultList());
    }

    /** Returns how many events the batch deleted (0: nothing expired at the front of the channel). */
    public Uni<Long> pruneBatch(String channel, Duration maxAge, long maxEvents, int batch) {
        return session().chain(session -> session.createNativeQuery(PRUNE_BATCH, Long.class)
                .setParameter("channel", channel)
                .setParameter("maxAgeSeconds", seconds(maxAge))
                .setParameter("maxEvents", maxEvents)
                .setParameter("batch", (long) batch)
                .getSingleResult());
    }

    public Uni<Long> pruneCounters(Duration maxAge, int batch) {
        return count(PRUNE_COUNTERS, maxAge, batch);
    }

    public Uni<Long> pruneIdempotencyKeys(Duration maxAge, int batch) {
        return count(PRUNE_KEYS, maxAge, batch);
    }

    private static Uni<Long> count(String sql, Duration maxAge, int batch) {
        return session().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("maxAgeSeconds", seconds(maxAge))
                .setParameter("batch", batch)
                .getSingleResult());
    }

    /** Ages are measured on the database's clock, the one that stamped the events. */
    private static double seconds(Duration age) {
        return age.toNanos() / 1e9;
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
