package dev.pollfeed.events.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.db.ReadPool;
import dev.pollfeed.events.domain.ChannelHead;
import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.EventTime;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.StoredEvent;

/**
 * The poll path's reads, straight on the reactive PostgreSQL client: prepared statements, rows turned into records
 * without entity hydration or a persistence context, one round trip per step. They go through {@link ReadPool}: the
 * read replica when one is configured, with one retry on a stale connection.
 */
@ApplicationScoped
public class PollRepository {

    private static final String HEAD = "SELECT head, oldest FROM channels WHERE name = $1";
    private static final String HEADS = "SELECT name, head, oldest FROM channels WHERE name = ANY($1)";
    private static final String EVENTS = "SELECT seq, type, data::text, time FROM events"
            + " WHERE channel = $1 AND seq > $2 AND seq <= $3 ORDER BY seq";
    private static final String EVENTS_OF_MANY = "SELECT e.channel, e.seq, e.type, e.data::text, e.time"
            + " FROM unnest($1::text[], $2::int8[], $3::int8[]) AS q(channel, after, up_to)"
            + " JOIN events e ON e.channel = q.channel AND e.seq > q.after AND e.seq <= q.up_to"
            + " ORDER BY e.channel, e.seq";

    private final ReadPool reads;

    PollRepository(ReadPool reads) {
        this.reads = reads;
    }

    /** One primary-key lookup: the cost of a caught-up poll. */
    public Uni<ChannelHead> head(ChannelName channel) {
        return reads.query(HEAD, Tuple.of(channel.value())).map(rows -> {
            if (rows.size() == 0) {
                return ChannelHead.EMPTY;
            }
            Row row = rows.iterator().next();
            return new ChannelHead(row.getLong(0), row.getLong(1));
        });
    }

    /** The heads of several channels in one round trip; channels never written are absent from the map. */
    public Uni<Map<String, ChannelHead>> heads(List<ChannelName> channels) {
        String[] names = channels.stream().map(ChannelName::value).toArray(String[]::new);
        return reads.query(HEADS, Tuple.tuple().addArrayOfString(names)).map(rows -> {
            Map<String, ChannelHead> heads = new HashMap<>();
            for (Row row : rows) {
                heads.put(row.getString(0), new ChannelHead(row.getLong(1), row.getLong(2)));
            }
            return heads;
        });
    }

    public Uni<List<StoredEvent>> events(PagePlan plan) {
        return reads.query(EVENTS, Tuple.of(plan.channel().value(), plan.after(), plan.upTo())).map(PollRepository::toEvents);
    }

    /** The events of several plans in one round trip, keyed by channel name. */
    public Uni<Map<String, List<StoredEvent>>> events(List<PagePlan> plans) {
        String[] names = new String[plans.size()];
        Long[] after = new Long[plans.size()];
        Long[] upTo = new Long[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            names[i] = plans.get(i).channel().value();
            after[i] = plans.get(i).after();
            upTo[i] = plans.get(i).upTo();
        }
        return reads.query(EVENTS_OF_MANY, Tuple.tuple().addArrayOfString(names).addArrayOfLong(after).addArrayOfLong(upTo))
                .map(rows -> {
                    Map<String, List<StoredEvent>> events = new HashMap<>();
                    for (Row row : rows) {
                        events.computeIfAbsent(row.getString(0), name -> new ArrayList<>())
                                .add(new StoredEvent(row.getLong(1), row.getString(2), row.getString(3),
                                        EventTime.format(row.getOffsetDateTime(4))));
                    }
                    return events;
                });
    }

    private static List<StoredEvent> toEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new StoredEvent(row.getLong(0), row.getString(1), row.getString(2),
                    EventTime.format(row.getOffsetDateTime(3))));
        }
        return events;
    }
}
