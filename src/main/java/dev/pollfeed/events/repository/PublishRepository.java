package dev.pollfeed.events.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.EventTime;
import dev.pollfeed.events.domain.StoredEvent;

/**
 * The write path, on the reactive PostgreSQL client with prepared statements. (It used Hibernate Reactive native
 * queries until the benchmark showed 40 % of a publish's CPU in Hibernate's query-interpretation cache, whose keys
 * never matched: bench/README.md.)
 * <p>
 * A publish without an Idempotency-Key is one statement, so one round trip: the upsert that bumps the channel head
 * takes the channel's row lock, the events are numbered from the new head and inserted, and the per-minute counters
 * are counted, all before the statement's implicit commit releases the lock. The next writer of the channel waits
 * for that lock, so seqs stay gapless and in commit order. With a key, the key is claimed first, in the same
 * transaction: a racing retry waits on the claim for the first attempt's outcome.
 * <p>
 * JSON parameters are sent as text and cast: a parameter PostgreSQL infers as jsonb would be sent by the client as a
 * JSON string scalar, not parsed as the document it holds.
 */
@ApplicationScoped
public class PublishRepository {

    /** Bumps the head, inserts the batch numbered from it, and counts it into the stats: one statement. */
    private static final String STORE = """
            WITH bumped AS (
                INSERT INTO channels (name, head) VALUES ($1, $2)
                ON CONFLICT (name) DO UPDATE SET head = channels.head + excluded.head
                RETURNING head),
            stored AS (
                INSERT INTO events (channel, seq, type, data, time)
                SELECT $1, bumped.head - $2 + e.ord, e.item ->> 'type', e.item -> 'data', clock_timestamp()
                FROM bumped, jsonb_array_elements($3::text::jsonb) WITH ORDINALITY AS e(item, ord)
                RETURNING seq, type, data, time),
            counted AS (
                INSERT INTO channel_minutes (channel, minute, type, count)
                SELECT $1, date_trunc('minute', time), type, count(*) FROM stored GROUP BY 2, 3
                ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + excluded.count)
            %s
            SELECT seq, type, data::text, %s FROM stored ORDER BY seq""";

    private static final String STORE_WITHOUT_KEY = STORE.formatted("", EventTime.SQL_EPOCH_MICROS);

    /** The same, recording which seqs the claimed key stored ($4 is the key, claimed earlier in the transaction). */
    private static final String STORE_WITH_KEY = STORE.formatted("""
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

    private final Pool pool;

    PublishRepository(Pool pool) {
        this.pool = pool;
    }

    /** What an earlier request with the same key left: whether it was this same request, and its events. */
    public record Replay(boolean sameRequest, List<StoredEvent> events) {
    }

    /** Stores a batch ({@code [{"type":…,"data":…},…]}) of {@code count} events; returns them as stored. */
    public Uni<List<StoredEvent>> store(ChannelName channel, int count, String batchJson) {
        return pool.preparedQuery(STORE_WITHOUT_KEY)
                .execute(Tuple.of(channel.value(), (long) count, batchJson))
                .map(PublishRepository::events);
    }

    /**
     * Stores the batch under an idempotency key, or, when the key was used before (possibly by a request that was
     * committing meanwhile), answers what that request left instead. The batch itself is the request a retry must
     * repeat.
     */
    public Uni<StoreOrReplay> storeOnce(ChannelName channel, int count, String batchJson, String key) {
        return pool.withTransaction(connection -> claim(connection, channel, key, batchJson).chain(claimed -> claimed
                ? connection.preparedQuery(STORE_WITH_KEY)
                        .execute(Tuple.of(channel.value(), (long) count, batchJson, key))
                        .map(rows -> StoreOrReplay.stored(events(rows)))
                : replay(connection, channel, key, batchJson).map(StoreOrReplay::replayed)));
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
