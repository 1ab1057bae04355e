package dev.pollfeed.events.ordering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;

/**
 * pollfeed itself: immediate writes and every poll go through the HTTP API; writes that must stay open for a while
 * or roll back run the service's own write statements ({@link WriterTransaction}) over JDBC, since no client of the
 * API can hold a transaction open.
 */
final class PollfeedEventLog implements EventLog {

    private final DataSource database;

    PollfeedEventLog(DataSource database) {
        this.database = database;
    }

    @Override
    public void write(String channel, List<String> ids, int holdMillis, boolean rollback) throws Exception {
        if (holdMillis == 0 && !rollback) {
            StringBuilder batch = new StringBuilder("[");
            for (String id : ids) {
                batch.append(batch.length() == 1 ? "" : ",").append("{\"data\":\"").append(id).append("\"}");
            }
            Response response = Api.publish(channel, batch.append(']').toString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("publish answered " + response.statusCode() + ": " + response.asString());
            }
            return;
        }
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                WriterTransaction.write(connection, channel, ids);
                Thread.sleep(holdMillis);
            } finally {
                if (rollback) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
            }
        }
    }

    @Override
    public Page poll(String channel, long cursor, int limit) {
        Response response = Api.poll(channel, "since=" + cursor + "&limit=" + limit);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("poll answered " + response.statusCode() + ": " + response.asString());
        }
        JsonPath json = response.jsonPath();
        List<Integer> seqs = json.getList("events.seq", Integer.class);
        List<String> ids = json.getList("events.data", String.class);
        List<Seen> seen = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            seen.add(new Seen(seqs.get(i), ids.get(i)));
        }
        return new Page(seen, json.getLong("next"));
    }

    @Override
    public boolean gapless() {
        return true;
    }

    /** The statements PublishRepository runs, in the same order, on a transaction the caller controls. */
    static final class WriterTransaction {

        private WriterTransaction() {
        }

        static long write(Connection connection, String channel, List<String> ids) throws Exception {
            long head;
            try (PreparedStatement advance = connection.prepareStatement("INSERT INTO channels (name, head) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET head = channels.head + excluded.head RETURNING head")) {
                advance.setString(1, channel);
                advance.setLong(2, ids.size());
                try (ResultSet rows = advance.executeQuery()) {
                    rows.next();
                    head = rows.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO events (channel, seq, type, data, time) VALUES (?, ?, 'message', to_jsonb(?::text), clock_timestamp())")) {
                long seq = head - ids.size() + 1;
                for (String id : ids) {
                    insert.setString(1, channel);
                    insert.setLong(2, seq++);
                    insert.setString(3, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            // The counter every publish keeps: it is also how other instances learn that the head moved (HeadCache).
            try (PreparedStatement count = connection
                    .prepareStatement("INSERT INTO channel_minutes (channel, minute, type, count)"
                            + " VALUES (?, date_trunc('minute', clock_timestamp()), 'message', ?) ON CONFLICT (channel, minute, type)"
                            + " DO UPDATE SET count = channel_minutes.count + excluded.count")) {
                count.setString(1, channel);
                count.setLong(2, ids.size());
                count.executeUpdate();
            }
            return head;
        }
    }
}
