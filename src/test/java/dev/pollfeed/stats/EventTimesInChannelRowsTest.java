package dev.pollfeed.stats;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.publishWithKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.events.repository.PublishRepository;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.EventTime;
import dev.pollfeed.retention.Pruner;
import dev.pollfeed.retention.RetentionPolicy;

/**
 * V7 keeps a channel's first and last event times in its row: the publishes (alone, shared, keyed) and retention
 * write them, and the stats statement gives exactly the events' times, also for rows written without them (an older
 * version during a deploy, or before the migration), which it reads from the events as before.
 */
@QuarkusTest
class EventTimesInChannelRowsTest {

    /** A row whose kept time is not its event's, or whose event's time is not kept (for channels named so). */
    private static final String MISMATCHES = """
            SELECT count(*) FROM channels c
            LEFT JOIN events f ON f.channel = c.name AND f.seq = c.oldest
            LEFT JOIN events l ON l.channel = c.name AND l.seq = c.head
            WHERE c.name LIKE ? AND c.head >= c.oldest
              AND (c.oldest_time_seq IS DISTINCT FROM c.oldest OR c.oldest_time IS DISTINCT FROM f.time
                OR c.head_time_seq IS DISTINCT FROM c.head OR c.head_time IS DISTINCT FROM l.time)""";

    /** A kept time whose seq is the channel's oldest (head) but whose time is not that event's. */
    private static final String WRONG = """
            SELECT count(*) FROM channels c
            LEFT JOIN events f ON f.channel = c.name AND f.seq = c.oldest
            LEFT JOIN events l ON l.channel = c.name AND l.seq = c.head
            WHERE c.name LIKE ?
              AND ((c.oldest_time_seq = c.oldest AND c.oldest_time IS DISTINCT FROM f.time)
                OR (c.head_time_seq = c.head AND c.head_time IS DISTINCT FROM l.time))""";

    @Inject
    AgroalDataSource database;

    @Inject
    Pruner pruner;

    @Inject
    PublishRepository publishes;

    @Test
    void publishesKeepTheFirstAndLastEventTimesInTheRow() throws Exception {
        String channel = channel("row-times");
        publish(channel, "[{\"data\":1},{\"data\":2},{\"data\":3}]").then().statusCode(201);
        List<String> times = poll(channel, "since=0").then().extract().path("events.time");
        assertEquals(List.of(times.get(0), times.get(0)), times.subList(1, 3), "one publish, one time");
        assertEquals(List.of(times.get(0), times.get(0)), stats(channel));
        assertEquals(0, mismatches(channel));

        publish(channel, "{\"data\":4}").then().statusCode(201);
        String fourth = poll(channel, "since=3").then().extract().path("events[0].time");
        assertEquals(List.of(times.get(0), fourth), stats(channel));
        assertEquals(0, mismatches(channel));

        String keyed = channel("row-times-keyed");
        publishWithKey(keyed, "k1", "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        assertEquals(0, mismatches(keyed));
    }

    @Test
    void sharedPublishStatementsKeepEachChannelsTimes() throws Exception {
        String prefix = channel("row-times-shared");
        List<CompletableFuture<List<StoredEvent>>> stored = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            stored.add(publishes.store(new ChannelName(prefix + "-" + i % 4), 2,
                    "[{\"type\":\"t\",\"data\":1},{\"type\":\"t\",\"data\":2}]").subscribeAsCompletionStage());
        }
        for (CompletableFuture<List<StoredEvent>> events : stored) {
            events.get(30, TimeUnit.SECONDS);
        }
        assertEquals(120, count("SELECT coalesce(sum(head), 0) FROM channels WHERE name LIKE ?", prefix + "-%"));
        assertEquals(0, mismatches(prefix + "-%"));
    }

    @Test
    void retentionMovesTheOldestTimeAndAnEmptiedChannelStartsAgain() throws Throwable {
        String channel = channel("row-times-pruned");
        for (int i = 1; i <= 5; i++) {
            publish(channel, "{\"data\":" + i + "}").then().statusCode(201);
        }
        assertEquals(3, prune(channel, 2));
        assertEquals(0, mismatches(channel));
        List<String> kept = eventTimes(channel);
        assertEquals(List.of(kept.get(0), kept.get(1)), stats(channel));

        assertEquals(2, prune(channel, 0));
        assertEquals(Arrays.asList(null, null), stats(channel), "no event, no time");
        publish(channel, "{\"data\":6}").then().statusCode(201);
        String sixth = eventTimes(channel).get(0);
        assertEquals(List.of(sixth, sixth), stats(channel), "the head's time is the oldest's");
        publish(channel, "{\"data\":7}").then().statusCode(201);
        assertEquals(List.of(sixth, eventTimes(channel).get(1)), stats(channel), "the oldest's read from its row");
        assertEquals(0, count(WRONG, channel), "no time kept for a seq is another's");
    }

    @Test
    void rowsWrittenWithoutTimesAreAnsweredFromTheEvents() throws Exception {
        String channel = channel("row-times-older-writer");
        publish(channel, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        // What a publish of the version before V7 does: the head moves, the row's times stay where they were.
        execute("""
                WITH bumped AS (UPDATE channels SET head = head + 1 WHERE name = ? RETURNING name, head)
                INSERT INTO events (channel, seq, type, data, time)
                SELECT name, head, 'message', '1', clock_timestamp() + interval '1 second' FROM bumped""", channel);
        // And its prune: oldest moves, its time does not.
        execute("DELETE FROM events WHERE channel = ? AND seq = 1", channel);
        execute("UPDATE channels SET oldest = 2 WHERE name = ?", channel);
        List<String> times = eventTimes(channel);
        assertEquals(2, times.size());
        assertEquals(List.of(times.get(0), times.get(1)), stats(channel));
    }

    /**
     * Channels idle for the hour are answered from their row alone (IDLE_CHANNELS): the same columns as the full read,
     * for every state a channel can be in, and the full read wherever the row does not say all.
     */
    @Test
    void theIdleReadGivesTheFullReadsAnswer() throws Throwable {
        String prefix = channel("row-times-idle");
        String plain = prefix + "-plain";
        String emptied = prefix + "-emptied";
        String refilled = prefix + "-refilled";
        String olderWriter = prefix + "-older-writer";
        String never = prefix + "-never";
        publish(plain, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        publish(plain, "{\"data\":3}").then().statusCode(201);
        publish(emptied, "{\"data\":1}").then().statusCode(201);
        assertEquals(1, prune(emptied, 0));
        publish(refilled, "{\"data\":1}").then().statusCode(201);
        assertEquals(1, prune(refilled, 0));
        publish(refilled, "[{\"data\":2},{\"data\":3}]").then().statusCode(201);
        publish(olderWriter, "{\"data\":1}").then().statusCode(201);
        execute("UPDATE channels SET head_time = NULL, head_time_seq = NULL WHERE name = ?", olderWriter);
        // Two hours ago, everything: the events, the times kept in the rows, and no counters in the hour.
        execute("UPDATE events SET time = time - interval '2 hours' WHERE channel LIKE ?", prefix + "-%");
        execute("UPDATE channels SET head_time = head_time - interval '2 hours', "
                + "oldest_time = oldest_time - interval '2 hours' WHERE name LIKE ?", prefix + "-%");
        execute("DELETE FROM channel_minutes WHERE channel LIKE ?", prefix + "-%");

        List<String> names = List.of(plain, emptied, refilled, olderWriter, never);
        List<List<String>> idle = rows(StatsRepository.IDLE_CHANNELS, names);
        List<List<String>> full = rows(StatsRepository.CHANNELS, names);
        List<Boolean> complete = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            complete.add(Boolean.valueOf(idle.get(i).get(8)));
            if (complete.get(i)) {
                assertEquals(full.get(i).subList(0, 8), idle.get(i).subList(0, 8), names.get(i));
            }
        }
        assertEquals(List.of(true, true, false, false, true), complete, "which rows say all");
        assertEquals(List.of(eventTimes(plain).get(0), eventTimes(plain).get(2)), full.get(0).subList(2, 4));
    }

    /** Each channel's row of {@code sql} (CHANNELS' columns), as text, in the order of {@code names}. */
    private List<List<String>> rows(String sql, List<String> names) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PREPARE channel_rows AS " + sql);
            try (ResultSet result = statement.executeQuery(
                    "EXECUTE channel_rows('{" + String.join(",", names) + "}')")) {
                List<List<String>> rows = new ArrayList<>(Collections.nCopies(names.size(), null));
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(column == 3 || column == 4
                                ? time(result, column)
                                : column == 9 ? String.valueOf(result.getBoolean(column)) : result.getString(column));
                    }
                    rows.set(result.getInt(8) - 1, row);
                }
                return rows;
            } finally {
                statement.execute("DEALLOCATE channel_rows");
            }
        }
    }

    /** A database at V6 with channels in every state, migrated: every row's stats times are the events'. */
    @Test
    void migratingFromV6KeepsEveryChannelsTimes() throws Exception {
        String schema = "v7_migration";
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        try {
            flyway(schema, "6").migrate();
            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("SET search_path = " + schema);
                sql.execute("""
                        INSERT INTO channels (name, head, oldest) VALUES ('written', 3, 2), ('emptied', 2, 3);
                        INSERT INTO events (channel, seq, type, data, time) VALUES
                            ('written', 2, 'message', '2', '2026-12-03 10:00:00.000002+00'),
                            ('written', 3, 'message', '3', '2026-12-03 10:00:00.000003+00')""");
                sql.execute("RESET search_path");
            }
            flyway(schema, "7").migrate();
            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("SET search_path = " + schema);
                try {
                    sql.execute("PREPARE channel_stats AS " + StatsRepository.CHANNELS);
                    List<List<String>> rows = new ArrayList<>();
                    try (ResultSet result = sql.executeQuery("EXECUTE channel_stats('{written,emptied,never}')")) {
                        while (result.next()) {
                            rows.add(List.of(String.valueOf(time(result, 3)), String.valueOf(time(result, 4))));
                        }
                    }
                    assertEquals(List.of(List.of("2026-12-03T10:00:00.000002Z", "2026-12-03T10:00:00.000003Z"),
                            List.of("null", "null"), List.of("null", "null")), rows);
                } finally {
                    sql.execute("DEALLOCATE ALL");
                    sql.execute("RESET search_path");
                }
            }
        } finally {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Flyway flyway(String schema, String target) {
        return Flyway.configure()
                .dataSource(database)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private static String time(ResultSet result, int column) throws Exception {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? null : EventTime.format(time);
    }

    /** The first and last event times as the stats statement reads them (the HTTP answer may be a second old). */
    private List<String> stats(String channel) throws Exception {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("PREPARE channel_stats AS " + StatsRepository.CHANNELS);
            try (ResultSet result = sql.executeQuery("EXECUTE channel_stats('{" + channel + "}')")) {
                result.next();
                List<String> times = new ArrayList<>();
                times.add(time(result, 3));
                times.add(time(result, 4));
                return times;
            } finally {
                sql.execute("DEALLOCATE channel_stats");
            }
        }
    }

    /** The channel's event times in seq order, from the database. */
    private List<String> eventTimes(String channel) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT time FROM events WHERE channel = ? ORDER BY seq")) {
            statement.setString(1, channel);
            List<String> times = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    times.add(time(result, 1));
                }
            }
            return times;
        }
    }

    private long prune(String channel, long keep) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(
                () -> pruner.pruneChannelBatch(channel, new RetentionPolicy(Duration.ofDays(7), keep), 100));
    }

    private long mismatches(String pattern) throws Exception {
        return count(MISMATCHES, pattern);
    }

    private long count(String query, String parameter) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void execute(String statement, String... parameters) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setString(i + 1, parameters[i]);
            }
            prepared.execute();
        }
    }
}
