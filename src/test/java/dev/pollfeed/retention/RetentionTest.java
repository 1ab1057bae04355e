package dev.pollfeed.retention;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.publishNumbered;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Pruning by count and by age through the maintenance endpoint (what the Lambda schedule invokes), in batches
 * smaller than the work, the 410 boundary, stats after pruning, and pruning racing writers and pollers.
 */
@QuarkusTest
@TestProfile(RetentionTest.SmallWindows.class)
class RetentionTest {

    public static class SmallWindows implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "pollfeed.retention.channels.\"keep5.\".max-events", "5",
                    "pollfeed.retention.channels.\"keep5.race.\".max-events", "20",
                    "pollfeed.retention.channels.\"hour.\".max-age", "1h",
                    "pollfeed.retention.batch-size", "3",
                    "pollfeed.retention.endpoint-enabled", "true",
                    // The server's own timer runs too: every test must hold whichever run prunes first.
                    "pollfeed.retention.every", "2s");
        }
    }

    @Inject
    AgroalDataSource database;

    private static Response prune() {
        Response report = request().post("/internal/retention/run");
        report.then().statusCode(200);
        return report;
    }

    @Test
    void prunesByCountInBatchesAndAnswers410BelowTheWindow() {
        String channel = "keep5." + channel("count");
        publishNumbered(channel, 12);
        prune().then().body("budgetExhausted", equalTo(false));

        request().get("/v1/channels/" + channel + "/stats")
                .then()
                .body("oldest", equalTo(8))
                .body("head", equalTo(12))
                .body("count", equalTo(5));
        // The boundary: cursor = oldest - 1 still reads the whole window, one below is gone.
        poll(channel, "since=7").then().statusCode(200).body("events.seq", contains(8, 9, 10, 11, 12));
        Response gone = poll(channel, "since=6");
        assertProblem(gone, 410);
        gone.then().body("oldest", equalTo(8)).body("channel", equalTo(channel));
        poll(channel, "since=now").then().statusCode(200).body("next", equalTo(12));
        request().get("/v1/events?channels=" + channel + ":0").then().statusCode(410).body("channel", equalTo(channel));

        // Writes continue after the window: seqs keep counting from the head.
        publish(channel, "{\"data\":13}").then().body("events[0].seq", equalTo(13));
        prune();
        poll(channel, "since=8").then().statusCode(200).body("events.seq", contains(9, 10, 11, 12, 13));
    }

    @Test
    void theServerPrunesOnItsOwnSchedule() throws Exception {
        String channel = "keep5." + channel("scheduled");
        publishNumbered(channel, 9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count("SELECT oldest FROM channels WHERE name = ?", channel) != 5 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(5, count("SELECT oldest FROM channels WHERE name = ?", channel), "no scheduled run pruned");
        poll(channel, "since=4").then().statusCode(200).body("events.seq", contains(5, 6, 7, 8, 9));
    }

    @Test
    void prunesByAgeAndStatsFollow() throws Exception {
        String channel = "hour." + channel("age");
        publishNumbered(channel, 5);
        execute("UPDATE events SET time = time - interval '2 hours' WHERE channel = ? AND seq <= 3", channel);
        execute("UPDATE channels SET oldest_time = oldest_time - interval '2 hours' WHERE name = ?", channel);
        // A row whose oldest time was not kept (an older release wrote it): its event row says how old it is.
        String olderWriter = "hour." + channel("age-older-writer");
        publishNumbered(olderWriter, 2);
        execute("UPDATE events SET time = time - interval '2 hours' WHERE channel = ? AND seq = 1", olderWriter);
        execute("UPDATE channels SET oldest_time = NULL, oldest_time_seq = NULL WHERE name = ?", olderWriter);
        prune();
        poll(olderWriter, "since=1").then().statusCode(200).body("events.seq", contains(2));
        assertProblem(poll(olderWriter, "since=0"), 410);
        poll(channel, "since=3").then().statusCode(200).body("events.seq", contains(4, 5));
        assertProblem(poll(channel, "since=2"), 410);
        String firstKept = poll(channel, "since=3").then().extract().path("events[0].time");
        request().get("/v1/channels/" + channel + "/stats")
                .then()
                .body("oldest", equalTo(4))
                .body("count", equalTo(2))
                .body("firstEventAt", equalTo(firstKept));
        assertEquals(2, count("SELECT count(*) FROM events WHERE channel = ?", channel));
    }

    @Test
    void channelsWithinTheirWindowAreUntouched() {
        String channel = channel("default-window");
        publishNumbered(channel, 30);
        prune();
        poll(channel, "since=0").then().statusCode(200).body("events.size()", equalTo(30));
    }

    @Test
    void onlyAnExpiredPrefixIsEverRemoved() throws Exception {
        String channel = "hour." + channel("prefix");
        publishNumbered(channel, 6);
        // An old event after a recent one (a clock step back): it must wait for the ones before it.
        execute("UPDATE events SET time = time - interval '2 hours' WHERE channel = ? AND seq IN (1, 2, 4)", channel);
        execute("UPDATE channels SET oldest_time = oldest_time - interval '2 hours' WHERE name = ?", channel);
        prune();
        poll(channel, "since=2").then().statusCode(200).body("events.seq", contains(3, 4, 5, 6));
    }

    @Test
    void pruningRacingWritersAndPollersLosesNothingThatShouldStay() throws Exception {
        String channel = "keep5.race." + channel("race");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(5);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int w = 0; w < 2; w++) {
                work.add(threads.submit(() -> {
                    while (running.get()) {
                        Response response = publish(channel, "[{\"data\":1},{\"data\":2}]");
                        if (response.statusCode() == 201) {
                            acknowledged.addAndGet(2);
                        } else {
                            problems.add("publish " + response.statusCode());
                        }
                    }
                }));
            }
            for (int p = 0; p < 2; p++) {
                work.add(threads.submit(() -> {
                    long cursor = 0;
                    while (running.get()) {
                        Response page = poll(channel, "since=" + cursor + "&limit=7");
                        if (page.statusCode() == 410) {
                            cursor = page.jsonPath().getLong("oldest") - 1;
                        } else if (page.statusCode() == 200) {
                            List<Integer> seqs = page.jsonPath().getList("events.seq", Integer.class);
                            for (int seq : seqs) {
                                if (seq != cursor + 1) {
                                    problems.add("poller saw " + seq + " after " + cursor);
                                }
                                cursor = seq;
                            }
                        } else if (page.statusCode() != 503) {
                            problems.add("poll " + page.statusCode());
                        }
                    }
                }));
            }
            work.add(threads.submit(() -> {
                while (running.get()) {
                    prune();
                }
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Thread.sleep(3_000);
            // Enough writes that pruning had to keep up with them (a loaded machine writes slower).
            while (acknowledged.get() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            running.set(false);
            for (Future<?> future : work) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        prune();
        assertTrue(problems.isEmpty(), problems.toString());
        long head = count("SELECT head FROM channels WHERE name = ?", channel);
        assertEquals(acknowledged.get(), head, "every acknowledged event got a seq");
        assertTrue(head >= 100, "the race wrote too little: " + head);
        assertEquals(head - 19, count("SELECT oldest FROM channels WHERE name = ?", channel));
        assertEquals(20, count("SELECT count(*) FROM events WHERE channel = ? AND seq BETWEEN ? AND ?", channel,
                head - 19, head), "the newest 20 events are all there");
        assertEquals(20, count("SELECT count(*) FROM events WHERE channel = ?", channel), "and nothing else");
    }

    private void execute(String sql, String channel) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, channel);
            statement.executeUpdate();
        }
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
