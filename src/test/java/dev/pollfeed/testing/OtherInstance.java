package dev.pollfeed.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

/**
 * Another instance of the service, as this one sees it: only through the database. Its publish is the write
 * statement's shape (head, event and per-minute counter in one statement), run over JDBC, so that the instance under
 * test learns of it only by reading.
 */
public final class OtherInstance {

    private static final String PUBLISH = """
            WITH bumped AS (
                INSERT INTO channels (name, head) VALUES (?, 1)
                ON CONFLICT (name) DO UPDATE SET head = channels.head + 1 RETURNING name, head),
            stored AS (
                INSERT INTO events (channel, seq, type, data, time)
                SELECT name, head, 'message', to_jsonb(?::text), clock_timestamp() FROM bumped RETURNING channel, time)
            INSERT INTO channel_minutes (channel, minute, type, count)
            SELECT channel, date_trunc('minute', time), 'message', 1 FROM stored
            ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + 1""";

    private OtherInstance() {
    }

    /** Publishes one event of type {@code message} with a string as data; returns the wall clock after the commit. */
    public static long publish(AgroalDataSource database, String channel, String data) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement publish = connection.prepareStatement(PUBLISH)) {
            publish.setString(1, channel);
            publish.setString(2, data);
            publish.execute();
            return System.currentTimeMillis();
        }
    }
}
