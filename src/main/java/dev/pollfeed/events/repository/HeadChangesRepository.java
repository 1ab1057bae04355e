package dev.pollfeed.events.repository;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.db.ReadPool;

/**
 * Which channel heads moved lately, in one statement whatever the number of channels or polls: every publish counts
 * its events into {@code channel_minutes} in its own transaction (PublishRepository), so the channels written since
 * a minute are one range of that table's minute index, and their heads one primary-key probe each.
 */
@ApplicationScoped
public class HeadChangesRepository {

    /**
     * The heads of the channels written in the minutes from {@code $1} (none when {@code $1} is null), and where the
     * next read must start: the minute before this one, so that a publish stamped before it commits (its time is
     * taken when its rows are inserted) is still caught by the next read when it commits up to a minute later.
     */
    static final String CHANGED = "SELECT date_trunc('minute', now()) - interval '1 minute',"
            + " coalesce(array_agg(c.name), '{}'), coalesce(array_agg(c.head), '{}') FROM channels c"
            + " WHERE c.name IN (SELECT m.channel FROM channel_minutes m WHERE m.minute >= $1::timestamptz)";

    private final ReadPool reads;

    HeadChangesRepository(ReadPool reads) {
        this.reads = reads;
    }

    /** Channels and their heads, and where the next read starts. */
    public record Changes(OffsetDateTime nextSince, String[] channels, Long[] heads) {
    }

    /** The heads written since {@code since} (a minute of the database's clock), or none for {@code null}. */
    public Uni<Changes> since(OffsetDateTime since) {
        return reads.query(CHANGED, Tuple.tuple().addOffsetDateTime(since)).map(rows -> {
            Row row = rows.iterator().next();
            return new Changes(row.getOffsetDateTime(0), row.getArrayOfStrings(1), row.getArrayOfLongs(2));
        });
    }
}
