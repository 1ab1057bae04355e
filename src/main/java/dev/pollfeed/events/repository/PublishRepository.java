package dev.pollfeed.events.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.EventTime;
import dev.pollfeed.events.domain.StoredEvent;

/**
 * The write path, run inside the caller's Hibernate Reactive transaction ({@code @WithTransaction}).
 * <p>
 * The head bump and the batch insert are native statements: an upsert that returns the new head, and one set-based
 * insert that numbers a whole batch and returns it as PostgreSQL stored it, have no entity form. Lookups of what a
 * write left behind go through the entities.
 * <p>
 * JSON parameters are cast to text first: a parameter PostgreSQL infers as jsonb would be sent by the client as a JSON
 * string scalar, not parsed as the document it holds.
 */
@ApplicationScoped
public class PublishRepository {

    private static final String CLAIM_KEY = """
            WITH claimed AS (
                INSERT INTO idempotency_keys (channel, key, request) VALUES (:channel, :key, cast(cast(:request as text) as jsonb))
                ON CONFLICT (channel, key) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM claimed""";

    private static final String SAME_REQUEST = """
            SELECT request = cast(cast(:request as text) as jsonb) FROM idempotency_keys WHERE channel = :channel AND key = :key""";

    /** Takes the channel's row lock until commit: the next writer of this channel numbers after this one commits. */
    private static final String ADVANCE_HEAD = """
            WITH bumped AS (
                INSERT INTO channels (name, head) VALUES (:channel, :count)
                ON CONFLICT (name) DO UPDATE SET head = channels.head + excluded.head
                RETURNING head)
            SELECT head FROM bumped""";

    /** Inserts the batch and, in the same statement, counts it into the per-minute stats of its channel. */
    private static final String INSERT_EVENTS = """
            WITH stored AS (
                INSERT INTO events (channel, seq, type, data, time)
                SELECT :channel, :first + e.ord - 1, e.item ->> 'type', e.item -> 'data', clock_timestamp()
                FROM jsonb_array_elements(cast(cast(:batch as text) as jsonb)) WITH ORDINALITY AS e(item, ord)
                RETURNING seq, type, data, time),
            counted AS (
                INSERT INTO channel_minutes (channel, minute, type, count)
                SELECT :channel, date_trunc('minute', time), type, count(*) FROM stored GROUP BY 2, 3
                ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + excluded.count)
            SELECT seq, type, cast(data as text), %s
            FROM stored ORDER BY seq""".formatted(EventTime.SQL_EPOCH_MICROS);

    private static final String COMPLETE_KEY = """
            UPDATE idempotency_keys SET first_seq = :first, last_seq = :last WHERE channel = :channel AND key = :key""";

    /** Claims the key for this request; false when another request holds it (after waiting for it to commit). */
    public Uni<Boolean> claimKey(ChannelName channel, String key, String requestJson) {
        return session().chain(session -> session.createNativeQuery(CLAIM_KEY, Long.class)
                .setParameter("channel", channel.value())
                .setParameter("key", key)
                .setParameter("request", requestJson)
                .getSingleResult()
                .map(claimed -> claimed == 1L));
    }

    public Uni<IdempotencyKeyEntity> findKey(ChannelName channel, String key) {
        return IdempotencyKeyEntity.findById(new IdempotencyKeyEntity.Key(channel.value(), key));
    }

    /** Compares as jsonb: key order, white space and number spelling do not make two requests different. */
    public Uni<Boolean> isSameRequest(ChannelName channel, String key, String requestJson) {
        return session().chain(session -> session.createNativeQuery(SAME_REQUEST, Boolean.class)
                .setParameter("channel", channel.value())
                .setParameter("key", key)
                .setParameter("request", requestJson)
                .getSingleResult());
    }

    /** Reserves {@code count} seqs; returns the new head, so the batch is head-count+1..head. */
    public Uni<Long> advanceHead(ChannelName channel, int count) {
        return session().chain(session -> session.createNativeQuery(ADVANCE_HEAD, Long.class)
                .setParameter("channel", channel.value())
                .setParameter("count", (long) count)
                .getSingleResult());
    }

    /** Inserts {@code [{"type":…,"data":…},…]} as seqs first, first+1, …; returns the events as stored. */
    public Uni<List<StoredEvent>> insertEvents(ChannelName channel, long first, String batchJson) {
        return session().chain(session -> session.<Object[]>createNativeQuery(INSERT_EVENTS)
                .setParameter("channel", channel.value())
                .setParameter("first", first)
                .setParameter("batch", batchJson)
                .getResultList()
                .map(rows -> {
                    List<StoredEvent> events = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        events.add(new StoredEvent(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                                EventTime.formatEpochMicros(((Number) row[3]).longValue())));
                    }
                    return events;
                }));
    }

    public Uni<Integer> completeKey(ChannelName channel, String key, long first, long last) {
        return session().chain(session -> session.createNativeQuery(COMPLETE_KEY)
                .setParameter("channel", channel.value())
                .setParameter("key", key)
                .setParameter("first", first)
                .setParameter("last", last)
                .executeUpdate());
    }

    /** The events an earlier request stored, for an idempotent replay. */
    public Uni<List<StoredEvent>> findEvents(ChannelName channel, long first, long last) {
        return EventEntity.<EventEntity>find("channel = ?1 and seq >= ?2 and seq <= ?3", Sort.by("seq"),
                channel.value(), first, last)
                .list()
                .map(entities -> entities.stream()
                        .map(e -> new StoredEvent(e.seq, e.type, e.data, EventTime.format(e.time)))
                        .toList());
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
