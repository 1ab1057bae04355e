package dev.pollfeed.events.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.db.DatabaseFailures;
import dev.pollfeed.db.DatabaseGate;
import dev.pollfeed.db.SharedStatements;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.EventTime;

/**
 * The write path, on the reactive PostgreSQL client with prepared statements. (It used Hibernate Reactive native
 * queries until the benchmark showed 40 % of a publish's CPU in Hibernate's query-interpretation cache, whose keys
 * never matched: bench/README.md.)
 * <p>
 * A publish without an Idempotency-Key is one statement, so one round trip: the upsert that bumps the channel head
 * takes the channel's row lock, the events are numbered from the new head and inserted, and the per-minute counters
 * are counted, all before the statement's implicit commit releases the lock. The next writer of the channel waits
 * for that lock, so seqs stay gapless and in commit order. Publishes that arrive while one is being stored share the
 * next statement ({@link SharedStatements}): one transaction, one commit for all of them, the channels locked in name
 * order (so two such statements cannot deadlock), each publish numbered after the earlier ones of its channel in the
 * same statement. With a key, the key is claimed first, in a transaction of its own: a racing retry waits on the claim
 * for the first attempt's outcome.
 * <p>
 * JSON parameters are sent as text and cast: a parameter PostgreSQL infers as jsonb would be sent by the client as a
 * JSON string scalar, not parsed as the document it holds.
 */
@ApplicationScoped
public class PublishRepository {

    /**
     * Bumps the head, inserts the batch numbered from it, and counts it into the stats (per minute, and the deployment's
     * totals: a channel whose head is now the batch's size was created by it): one statement.
     * <p>
     * The batch's time is read once, after the channel's row lock is taken, and kept in the row with the head (and as
     * the oldest event's time when the publish creates the channel): a channel's stats read one row (V7). Its events
     * share it.
     */
    private static final String STORE = """
            WITH bumped AS (
                INSERT INTO channels AS c (name, head, oldest_time, oldest_time_seq, head_time, head_time_seq)
                SELECT $1, $2, t.now, 1, t.now, $2 FROM (SELECT clock_timestamp() AS now) t
                ON CONFLICT (name) DO UPDATE SET %s
                RETURNING head, head_time),
            stored AS (
                INSERT INTO events (channel, seq, type, data, time)
                SELECT $1, bumped.head - $2 + e.ord, e.item ->> 'type', e.item -> 'data', bumped.head_time
                FROM bumped, jsonb_array_elements($3::text::jsonb) WITH ORDINALITY AS e(item, ord)
                RETURNING seq, type, data, time),
            counted AS (
                INSERT INTO channel_minutes (channel, minute, type, count)
                SELECT $1, date_trunc('minute', time), type, count(*) FROM stored GROUP BY 2, 3
                ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + excluded.count),
            totalled AS (
                INSERT INTO deployment_totals (stripe, channels, events)
                SELECT mod(pg_backend_pid(), 16), (SELECT count(*) FROM bumped WHERE head = $2), (SELECT count(*) FROM stored)
                ON CONFLICT (stripe) DO UPDATE SET channels = deployment_totals.channels + excluded.channels,
                    events = deployment_totals.events + excluded.events)
            %s
            SELECT seq, type, data::text, %s FROM stored ORDER BY seq""";

    /**
     * A publish to an existing channel, under its row lock: the new head and the time of its events, read now (so
     * times never fall as seqs rise), kept with the seq they belong to. Plain assignments, not a sub-select: see
     * bench/README.md, "Channel stats in one row read". The oldest time is written by a channel's first publish and by
     * retention only; where it is missing (a channel emptied by retention and written again) stats read the event row.
     */
    private static final String BUMP = """
            head = c.head + excluded.head, head_time = clock_timestamp(), head_time_seq = c.head + excluded.head""";

    private static final String STORE_WITHOUT_KEY = STORE.formatted(BUMP, "", EventTime.SQL_EPOCH_MICROS);

    /**
     * Several publishes in one statement: {@code $1} channels, {@code $2} event counts, {@code $3} batches, one entry
     * per publish. Each channel's head moves once, by the sum of its publishes; a publish's events follow those of the
     * publishes before it in the arrays. A channel's events share the time read when its row was locked.
     */
    private static final String STORE_MANY = """
            WITH asked AS (
                SELECT r.i, r.channel, r.n, r.batch,
                       sum(r.n) OVER (PARTITION BY r.channel ORDER BY r.i) - r.n AS before,
                       sum(r.n) OVER (PARTITION BY r.channel) AS total
                FROM unnest($1::text[], $2::int8[], $3::text[]) WITH ORDINALITY AS r(channel, n, batch, i)),
            bumped AS (
                INSERT INTO channels AS c (name, head, oldest_time, oldest_time_seq, head_time, head_time_seq)
                SELECT g.channel, g.n, g.now, 1, g.now, g.n
                FROM (SELECT channel, sum(n) AS n, clock_timestamp() AS now FROM asked GROUP BY channel ORDER BY channel) g
                ON CONFLICT (name) DO UPDATE SET %s
                RETURNING name, head, head_time),
            stored AS (
                INSERT INTO events (channel, seq, type, data, time)
                SELECT a.channel, b.head - a.total + a.before + e.ord, e.item ->> 'type', e.item -> 'data',
                       b.head_time
                FROM asked a JOIN bumped b ON b.name = a.channel
                CROSS JOIN LATERAL jsonb_array_elements(a.batch::jsonb) WITH ORDINALITY AS e(item, ord)
                ORDER BY a.channel, a.i, e.ord
                RETURNING channel, seq, type, data, time),
            counted AS (
                INSERT INTO channel_minutes (channel, minute, type, count)
                SELECT channel, date_trunc('minute', time), type, count(*) FROM stored GROUP BY 1, 2, 3
                ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + excluded.count),
            totalled AS (
                INSERT INTO deployment_totals (stripe, channels, events)
                SELECT mod(pg_backend_pid(), 16),
                    (SELECT count(*) FROM bumped b WHERE b.head = (SELECT a.total FROM asked a WHERE a.channel = b.name LIMIT 1)),
                    (SELECT count(*) FROM stored)
                ON CONFLICT (stripe) DO UPDATE SET channels = deployment_totals.channels + excluded.channels,
                    events = deployment_totals.events + excluded.events)
            SELECT channel, seq, type, data::text, %s FROM stored ORDER BY channel, seq"""
            .formatted(BUMP, EventTime.SQL_EPOCH_MICROS);

    /** The same, recording which seqs the claimed key stored ($4 is the key, claimed earlier in the transaction). */
    private static final String STORE_WITH_KEY = STORE.formatted(BUMP, """
            , completed AS (
                UPDATE idempotency_keys SET first_seq = bumped.head - $2 + 1, last_seq = bumped.head
                FROM bumped WHERE channel = $1 AND key = $4)""", EventTime.SQL_EPOCH_MICROS);

    /** Waits for a concurrent claim of the same key to commit or roll back; no row when someone else holds it. */
    private static final String CLAIM_KEY = """
            INSERT INTO idempotency_keys (channel, key, request) VALUES ($1, $2, $3::text::jsonb)
            ON CONFLICT (channel, key) DO NOTHING RETURNING 1""";

    /**
     * What a replay answers: whether the stored request equals this one (as jsonb: key order, white space and number
     * spelling do not count) and the events it stored, in one round trip.
     */
    private static final String REPLAY = """
            SELECT k.request = $3::text::jsonb, e.seq, e.type, e.data::text, %s
            FROM idempotency_keys k
            LEFT JOIN events e ON e.channel = k.channel AND e.seq BETWEEN k.first_seq AND k.last_seq
            WHERE k.channel = $1 AND k.key = $2
            ORDER BY e.seq""".formatted("cast(extract(epoch from e.time) * 1000000 as bigint)");

    /** A deadlock or serialization failure rolled the transaction back: it is run again, at most this often. */
    private static final int CONFLICT_RETRIES = 2;

    /**
     * Null in production (one volatile read per statement); only the ordering tests set it, to hold or fail these very
     * statements' transactions after the insert, so the exactly-once checker tests the SQL that runs, not a copy.
     */
    static volatile BiFunction<SqlConnection, List<String>, Uni<Void>> beforeCommit;

    private final Pool pool;
    private final DatabaseGate gate;
    private final SharedStatements<Publish, Stored> writes;

    PublishRepository(Pool pool, PollfeedConfig config, Vertx vertx, DatabaseGate gate) {
        this.pool = pool;
        this.gate = gate;
        this.writes = new SharedStatements<>(vertx, config.publishing().sharedWritesInFlight(),
                config.publishing().sharedWriteBatch(), Publish::count, this::storeAll);
    }

    /** What an earlier request with the same key left: whether it was this same request, and its events. */
    public record Replay(boolean sameRequest, List<StoredEvent> events) {
    }

    /** Stores a batch ({@code [{"type":…,"data":…},…]}) of {@code count} events; returns them as stored. */
    public Uni<List<StoredEvent>> store(ChannelName channel, int count, String batchJson) {
        return writes.run(List.of(new Publish(channel.value(), count, batchJson))).chain(stored -> stored.get(0).get());
    }

    /** One publish without a key: its channel, how many events, and the batch as JSON text. */
    private record Publish(String channel, int count, String batchJson) {
    }

    /** What one publish of a shared statement got: its events, or its own failure. */
    private record Stored(List<StoredEvent> events, Throwable failure) {

        Uni<List<StoredEvent>> get() {
            return failure == null ? Uni.createFrom().item(events) : Uni.createFrom().failure(failure);
        }
    }

    private Uni<List<Stored>> storeAll(List<Publish> publishes) {
        if (publishes.size() == 1) {
            return storeAlone(publishes.get(0)).map(events -> List.of(new Stored(events, null)));
        }
        String[] channels = new String[publishes.size()];
        Long[] counts = new Long[publishes.size()];
        String[] batches = new String[publishes.size()];
        for (int i = 0; i < publishes.size(); i++) {
            channels[i] = publishes.get(i).channel();
            counts[i] = (long) publishes.get(i).count();
            batches[i] = publishes.get(i).batchJson();
        }
        return gate.call(() -> execute(STORE_MANY,
                Tuple.tuple().addArrayOfString(channels).addArrayOfLong(counts).addArrayOfString(batches),
                List.of(batches)))
                .onItemOrFailure()
                .transformToUni((rows, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().item(() -> split(publishes, rows));
                    }
                    // PostgreSQL refused the statement (a deadlock with another instance, one bad batch), so it stored
                    // nothing: each publish goes alone and gets its own outcome. Any other failure (a connection lost,
                    // perhaps after the commit) fails them all, as it would fail a publish of its own.
                    return failure instanceof PgException ? eachAlone(publishes) : Uni.createFrom().failure(failure);
                });
    }

    private Uni<List<Stored>> eachAlone(List<Publish> publishes) {
        return Uni.join()
                .all(publishes.stream()
                        .map(publish -> storeAlone(publish).map(events -> new Stored(events, null))
                                .onFailure()
                                .recoverWithItem(failure -> new Stored(null, failure)))
                        .toList())
                .andCollectFailures();
    }

    private Uni<List<StoredEvent>> storeAlone(Publish publish) {
        return gate.call(() -> execute(STORE_WITHOUT_KEY,
                Tuple.of(publish.channel(), (long) publish.count(), publish.batchJson()), List.of(publish.batchJson())))
                .onFailure(DatabaseFailures::isRetryableConflict)
                .retry()
                .atMost(CONFLICT_RETRIES)
                .map(PublishRepository::events);
    }

    /** One write statement, in a transaction of its own: implicit, unless a test hook wants to act before the commit. */
    private Uni<RowSet<Row>> execute(String sql, Tuple parameters, List<String> batches) {
        BiFunction<SqlConnection, List<String>, Uni<Void>> hook = beforeCommit;
        if (hook == null) {
            return pool.preparedQuery(sql).execute(parameters);
        }
        return pool.withTransaction(connection -> connection.preparedQuery(sql)
                .execute(parameters)
                .call(rows -> hook.apply(connection, batches)));
    }

    /** The rows of a shared statement (by channel, then seq), handed out to its publishes in their order. */
    private static List<Stored> split(List<Publish> publishes, RowSet<Row> rows) {
        Map<String, List<StoredEvent>> byChannel = new HashMap<>();
        for (Row row : rows) {
            byChannel.computeIfAbsent(row.getString(0), channel -> new ArrayList<>()).add(event(row, 1));
        }
        Map<String, Integer> taken = new HashMap<>();
        List<Stored> stored = new ArrayList<>(publishes.size());
        for (Publish publish : publishes) {
            List<StoredEvent> ofChannel = byChannel.getOrDefault(publish.channel(), List.of());
            int from = taken.getOrDefault(publish.channel(), 0);
            int to = from + publish.count();
            if (to > ofChannel.size()) {
                throw new IllegalStateException("A shared publish stored " + ofChannel.size() + " events in channel '"
                        + publish.channel() + "', fewer than were published");
            }
            stored.add(new Stored(List.copyOf(ofChannel.subList(from, to)), null));
            taken.put(publish.channel(), to);
        }
        return stored;
    }

    /**
     * Stores the batch under an idempotency key, or, when the key was used before (possibly by a request that was
     * committing meanwhile), answers what that request left instead. The batch itself is the request a retry must
     * repeat.
     */
    public Uni<StoreOrReplay> storeOnce(ChannelName channel, int count, String batchJson, String key) {
        return gate.call(() -> pool.withTransaction(connection -> claim(connection, channel, key, batchJson)
                .chain(claimed -> claimed
                        ? connection.preparedQuery(STORE_WITH_KEY)
                                .execute(Tuple.of(channel.value(), (long) count, batchJson, key))
                                .map(rows -> StoreOrReplay.stored(events(rows)))
                        : replay(connection, channel, key, batchJson).map(StoreOrReplay::replayed))))
                .onFailure(DatabaseFailures::isRetryableConflict)
                .retry()
                .atMost(CONFLICT_RETRIES);
    }

    /** Either the events this request stored, or the replay of an earlier one. */
    public record StoreOrReplay(List<StoredEvent> stored, Optional<Replay> replay) {

        static StoreOrReplay stored(List<StoredEvent> events) {
            return new StoreOrReplay(events, Optional.empty());
        }

        static StoreOrReplay replayed(Replay replay) {
            return new StoreOrReplay(List.of(), Optional.of(replay));
        }
    }

    private static Uni<Boolean> claim(SqlClient connection, ChannelName channel, String key, String requestJson) {
        return connection.preparedQuery(CLAIM_KEY)
                .execute(Tuple.of(channel.value(), key, requestJson))
                .map(rows -> rows.size() == 1);
    }

    private static Uni<Replay> replay(SqlClient connection, ChannelName channel, String key, String requestJson) {
        return connection.preparedQuery(REPLAY).execute(Tuple.of(channel.value(), key, requestJson)).map(rows -> {
            boolean same = false;
            List<StoredEvent> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                same = Boolean.TRUE.equals(row.getBoolean(0));
                if (row.getLong(1) != null) {
                    events.add(event(row, 1));
                }
            }
            return new Replay(same, events);
        });
    }

    private static List<StoredEvent> events(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(event(row, 0));
        }
        return events;
    }

    private static StoredEvent event(Row row, int from) {
        return new StoredEvent(row.getLong(from), row.getString(from + 1), row.getString(from + 2),
                EventTime.formatEpochMicros(row.getLong(from + 3)));
    }
}
