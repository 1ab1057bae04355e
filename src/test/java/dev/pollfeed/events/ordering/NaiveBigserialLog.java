package dev.pollfeed.events.ordering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The design pollfeed must not have: a bigserial id assigned at insert and {@code id > since} polls. An id is taken
 * when a row is inserted but becomes visible when its transaction commits, so a poller can move its cursor past a
 * row that commits late and never see it. The checker must catch this, or it proves nothing.
 */
final class NaiveBigserialLog implements EventLog {

    private final DataSource database;

    NaiveBigserialLog(DataSource database) throws Exception {
        this.database = database;
        try (Connection connection = database.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS naive_events (id bigserial PRIMARY KEY, channel text NOT NULL,"
                    + " event text NOT NULL)");
        }
    }

    @Override
    public void write(String channel, List<String> ids, int holdMillis, boolean rollback) throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, channel, ids);
            Thread.sleep(holdMillis);
            if (rollback) {
                connection.rollback();
            } else {
                connection.commit();
            }
        }
    }

    @Override
    public OpenWrite begin(String channel, List<String> ids) throws Exception {
        Connection connection = database.getConnection();
        try {
            connection.setAutoCommit(false);
            insert(connection, channel, ids);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
        return () -> {
            try (connection) {
                connection.commit();
            }
        };
    }

    @Override
    public void writeBeside(String channel, List<String> ids) throws Exception {
        write(channel, ids, 0, false);
    }

    /** Bigserial writers never wait for each other: a later one commits while an earlier one is still open. */
    @Override
    public boolean besideWaitsFor(OpenWrite open) {
        return false;
    }

    private static void insert(Connection connection, String channel, List<String> ids) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO naive_events (channel, event) VALUES (?, ?)")) {
            for (String id : ids) {
                insert.setString(1, channel);
                insert.setString(2, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Page poll(String channel, long cursor, int limit) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, event FROM naive_events WHERE channel = ? AND id > ? ORDER BY id LIMIT ?")) {
            select.setString(1, channel);
            select.setLong(2, cursor);
            select.setInt(3, limit);
            List<Seen> seen = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seen.add(new Seen(rows.getLong(1), rows.getString(2)));
                }
            }
            return new Page(seen, seen.isEmpty() ? cursor : seen.get(seen.size() - 1).cursor());
        }
    }

    @Override
    public boolean gapless() {
        return false;
    }
}
