package dev.pollfeed.stats;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class StatsResourceTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aChannelNeverWrittenHasEmptyStats() {
        String channel = channel("stats-new");
        request().get("/v1/channels/" + channel + "/stats")
                .then()
                .statusCode(200)
                .body("channel", equalTo(channel))
                .body("head", equalTo(0))
                .body("oldest", equalTo(1))
                .body("count", equalTo(0))
                .body("firstEventAt", nullValue())
                .body("lastEventAt", nullValue())
                .body("rates.1m", equalTo(0))
                .body("rates.5m", equalTo(0))
                .body("rates.1h", equalTo(0));
    }

    @Test
    void channelStatsCountWhatWasWrittenAndRatesCoverCompleteMinutes() throws Exception {
        String channel = channel("stats");
        publish(channel, "[{\"type\":\"a\",\"data\":1},{\"type\":\"a\",\"data\":2},{\"type\":\"b\",\"data\":3}]")
                .then()
                .statusCode(201);
        List<String> times = poll(channel, "since=0").then().extract().path("events.time");
        assertEquals(3, counted(channel), "the write transaction counts every event it stores");

        // Earlier minutes, as the write path would have counted them.
        counters(channel, Map.of(1, 6L, 3, 10L, 30, 60L));
        request().get("/v1/channels/" + channel + "/stats")
                .then()
                .statusCode(200)
                .body("head", equalTo(3))
                .body("oldest", equalTo(1))
                .body("count", equalTo(3))
                .body("firstEventAt", equalTo(times.get(0)))
                .body("lastEventAt", equalTo(times.get(2)))
                .body("rates.1m", equalTo(6))
                .body("rates.5m", equalTo(3.2f))
                .body("rates.1h", equalTo(1.267f));
    }

    @Test
    void seriesHasEveryBucketWithCountsByType() {
        String channel = channel("series");
        publish(channel, "[{\"type\":\"order.created\",\"data\":1},{\"type\":\"order.created\",\"data\":2},"
                + "{\"type\":\"order.paid\",\"data\":3}]").then().statusCode(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Response series = request().get("/v1/channels/" + channel + "/stats/series?bucket=1m&from="
                + now.minus(5, ChronoUnit.MINUTES) + "&to=" + now.plus(1, ChronoUnit.MINUTES));
        series.then()
                .statusCode(200)
                .body("bucket", equalTo("1m"))
                .body("points.size()", equalTo(6))
                .body("points[0].t", equalTo(now.minus(5, ChronoUnit.MINUTES).toString()))
                .body("points[0].count", equalTo(0))
                .body("points[0].types", equalTo(Map.of()));
        JsonPath json = series.jsonPath();
        int total = json.getList("points.count", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertEquals(3, total);
        Map<String, Integer> types = json.getMap("points.find { it.count > 0 }.types");
        assertEquals(Map.of("order.created", 2, "order.paid", 1), types);

        request().get("/v1/channels/" + channel + "/stats/series?bucket=1h&from=" + now.minus(1, ChronoUnit.DAYS)
                + "&to=" + now).then().statusCode(200).body("points.size()", greaterThanOrEqualTo(24));
        request().get("/v1/channels/" + channel + "/stats/series")
                .then()
                .statusCode(200)
                .body("bucket", equalTo("1m"))
                .body("points.size()", equalTo(60));
    }

    @Test
    void badSeriesQueriesAre400() {
        String base = "/v1/channels/" + channel("bad-series") + "/stats/series?";
        Instant now = Instant.now();
        for (String query : List.of("bucket=2m", "bucket=", "from=yesterday", "from=2026-11-28T05:00:00",
                "from=" + now + "&to=" + now.minus(1, ChronoUnit.HOURS),
                "bucket=1m&from=" + now.minus(2, ChronoUnit.DAYS) + "&to=" + now, "bucket=1m&bucket=5m")) {
            assertProblem(request().get(base + query), 400);
        }
        assertProblem(request().get("/v1/channels/-bad/stats"), 400);
    }

    @Test
    void statsArePolledLikeEvents() {
        String channel = channel("stats-etag");
        publish(channel, "{\"data\":1}").then().statusCode(201);
        for (String path : List.of("/v1/channels/" + channel + "/stats", "/v1/channels/" + channel + "/stats/series",
                "/v1/stats")) {
            Response first = request().get(path);
            first.then().statusCode(200);
            assertEquals("public, max-age=1", header(first, "Cache-Control"));
            assertEquals("2", header(first, "Poll-Interval"));
            String etag = header(first, "ETag");
            assertNotNull(etag);
            Response again = request().header("If-None-Match", etag).get(path);
            if (again.statusCode() == 200) {
                // A minute boundary (or another test's write, for /v1/stats) passed between the two requests.
                again = request().header("If-None-Match", header(again, "ETag")).get(path);
            }
            again.then().statusCode(304);
        }
    }

    @Test
    void deploymentStatsTotalChannelsEventsAndTopChannels() throws Exception {
        String busy = channel("stats-busy");
        publish(busy, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        counters(busy, Map.of(1, 1_000_000L));
        // Stats answers may be as old as the freshness bound (1 s, docs/protocol.md): another test may just have read them.
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (request().get("/v1/stats").jsonPath().getLong("eventsWritten.1m") < 1_000_000
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        request().get("/v1/stats")
                .then()
                .statusCode(200)
                .body("channels", greaterThanOrEqualTo(1))
                .body("eventsStored", greaterThanOrEqualTo(2))
                .body("eventsWritten.1m", greaterThanOrEqualTo(1_000_000))
                .body("eventsWritten.1h", greaterThanOrEqualTo(1_000_000))
                .body("topChannels.channel", hasItem(busy))
                .body("topChannels[0].channel", equalTo(busy))
                .body("topChannels[0].rate5m", equalTo(200000));
    }

    private long counted(String channel) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement sum = connection.prepareStatement(
                        "SELECT coalesce(sum(count), 0) FROM channel_minutes WHERE channel = ?")) {
            sum.setString(1, channel);
            try (ResultSet rows = sum.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The counters are skipped only for a channel whose last event is older than the hour: one whose last event
     * lies within it still counts it, at the hour's very edge too.
     */
    @Test
    void ratesFollowTheLastEventsTimeKeptInTheRow() throws Exception {
        for (int minutesAgo : List.of(30, 59, 60, 120)) {
            String channel = channel("stats-idle");
            publish(channel, "{\"data\":1}").then().statusCode(201);
            // As if that publish had happened minutesAgo: its time in the row and its counter in that minute.
            try (Connection connection = database.getConnection();
                    PreparedStatement times = connection.prepareStatement("UPDATE channels SET head_time = "
                            + "date_trunc('minute', now()) - make_interval(mins => ?), oldest_time = "
                            + "date_trunc('minute', now()) - make_interval(mins => ?) WHERE name = ?");
                    PreparedStatement counted = connection.prepareStatement(
                            "DELETE FROM channel_minutes WHERE channel = ?")) {
                times.setInt(1, minutesAgo);
                times.setInt(2, minutesAgo);
                times.setString(3, channel);
                assertEquals(1, times.executeUpdate());
                counted.setString(1, channel);
                counted.executeUpdate();
            }
            counters(channel, Map.of(minutesAgo, 60L));
            float hourly = minutesAgo <= 60 ? 1 : 0;
            JsonPath stats = request().get("/v1/channels/" + channel + "/stats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(hourly, stats.getFloat("rates.1h"), minutesAgo + " minutes ago");
        }
    }

    /** Adds counters for earlier minutes: minutes ago → count. */
    private void counters(String channel, Map<Integer, Long> minutesAgo) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection
                        .prepareStatement("INSERT INTO channel_minutes (channel, minute, type, count)"
                                + " VALUES (?, date_trunc('minute', now()) - make_interval(mins => ?), 'earlier', ?)")) {
            for (Map.Entry<Integer, Long> entry : minutesAgo.entrySet()) {
                insert.setString(1, channel);
                insert.setInt(2, entry.getKey());
                insert.setLong(3, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
