package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.publishNumbered;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class PollRoutesTest {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String LIVE = "public, max-age=1";

    @Inject
    AgroalDataSource database;

    @Test
    void channelNeverWrittenIsEmptyNotMissing() {
        String channel = channel("never");
        Response response = poll(channel, "");
        response.then()
                .statusCode(200)
                .contentType("application/json")
                .body("channel", equalTo(channel))
                .body("events.size()", equalTo(0))
                .body("next", equalTo(0))
                .body("more", equalTo(false));
        assertEquals(LIVE, header(response, "Cache-Control"));
        assertEquals("2", header(response, "Poll-Interval"));
        assertNotNull(header(response, "ETag"));
        poll(channel, "since=5").then().statusCode(200).body("next", equalTo(5));
    }

    @Test
    void pagesThroughABacklogWithImmutableFullPages() {
        String channel = channel("pages");
        publishNumbered(channel, 250);

        Response first = poll(channel, "since=0");
        first.then()
                .statusCode(200)
                .body("events.size()", equalTo(100))
                .body("events[0].seq", equalTo(1))
                .body("events[99].seq", equalTo(100))
                .body("next", equalTo(100))
                .body("more", equalTo(true));
        assertEquals(IMMUTABLE, header(first, "Cache-Control"));

        Response second = poll(channel, "since=100&limit=100");
        second.then().body("events[0].data", equalTo(101)).body("next", equalTo(200)).body("more", equalTo(true));

        Response last = poll(channel, "since=200");
        last.then().body("events.size()", equalTo(50)).body("next", equalTo(250)).body("more", equalTo(false));
        assertEquals(LIVE, header(last, "Cache-Control"));

        poll(channel, "since=245&limit=3").then()
                .body("events.seq", contains(246, 247, 248))
                .body("next", equalTo(248))
                .body("more", equalTo(true));
        poll(channel, "since=250").then().body("events.size()", equalTo(0)).body("next", equalTo(250));
    }

    @Test
    void conditionalPollOfAnUnchangedPageIs304WithTheSameHeaders() {
        String channel = channel("etag");
        publishNumbered(channel, 3);
        Response first = poll(channel, "since=0");
        String etag = header(first, "ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]+\""), etag);
        assertEquals(etag, header(poll(channel, "since=0"), "ETag"), "the same body always has the same ETag");

        Response notModified = request().header("If-None-Match", etag).get("/v1/channels/" + channel + "/events?since=0");
        notModified.then().statusCode(304);
        assertEquals("", notModified.asString());
        assertEquals(etag, header(notModified, "ETag"));
        assertEquals(LIVE, header(notModified, "Cache-Control"));
        assertEquals("2", header(notModified, "Poll-Interval"));

        publish(channel, "{\"data\":4}").then().statusCode(201);
        Response changed = request().header("If-None-Match", etag).get("/v1/channels/" + channel + "/events?since=0");
        changed.then().statusCode(200).body("events.size()", equalTo(4));
        assertNotEquals(etag, header(changed, "ETag"));
    }

    @Test
    void caughtUpConditionalPollsStay304UntilSomethingArrives() {
        String channel = channel("caughtup");
        publishNumbered(channel, 2);
        String etag = header(poll(channel, "since=2"), "ETag");
        for (int i = 0; i < 3; i++) {
            request().header("If-None-Match", etag).get("/v1/channels/" + channel + "/events?since=2").then().statusCode(304);
        }
        publish(channel, "{\"data\":3}");
        request().header("If-None-Match", etag)
                .get("/v1/channels/" + channel + "/events?since=2")
                .then()
                .statusCode(200)
                .body("events.seq", contains(3));
    }

    @Test
    void fullPageIs304ForeverAndImmutable() {
        String channel = channel("full");
        publishNumbered(channel, 5);
        Response full = poll(channel, "since=0&limit=2");
        assertEquals(IMMUTABLE, header(full, "Cache-Control"));
        publishNumbered(channel, 5);
        Response again = request().header("If-None-Match", header(full, "ETag"))
                .get("/v1/channels/" + channel + "/events?since=0&limit=2");
        again.then().statusCode(304);
        assertEquals(IMMUTABLE, header(again, "Cache-Control"));
    }

    @Test
    void sinceNowStartsAtTheHead() {
        String channel = channel("now");
        publishNumbered(channel, 7);
        poll(channel, "since=now").then()
                .statusCode(200)
                .body("events.size()", equalTo(0))
                .body("next", equalTo(7))
                .body("more", equalTo(false));
        assertEquals(header(poll(channel, "since=7"), "ETag"), header(poll(channel, "since=now"), "ETag"));
    }

    @Test
    void cursorBeyondTheHeadIsEmptyWithNextUnchanged() {
        String channel = channel("ahead");
        publishNumbered(channel, 3);
        poll(channel, "since=9223372036854775807").then()
                .statusCode(200)
                .body("events.size()", equalTo(0))
                .body("next", equalTo(9223372036854775807L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"since=", "since=-1", "since=%2B1", "since=1.5", "since=abc", "since=9223372036854775808",
            "since=1&since=2", "limit=0", "limit=1001", "limit=", "limit=x", "limit=1&limit=2", "since=1e3"})
    void badParametersAre400(String query) {
        assertProblem(poll(channel("params"), query), 400);
    }

    @Test
    void cursorOlderThanTheRetainedWindowIsGoneWithOldest() throws Exception {
        String channel = channel("gone");
        publishNumbered(channel, 10);
        // Retention is a later feature; emulate its effect on the channel row and the events it would remove.
        try (Connection connection = database.getConnection();
                PreparedStatement prune = connection.prepareStatement(
                        "WITH d AS (DELETE FROM events WHERE channel = ? AND seq < 5) UPDATE channels SET oldest = 5 WHERE name = ?")) {
            prune.setString(1, channel);
            prune.setString(2, channel);
            prune.executeUpdate();
        }
        Response gone = poll(channel, "since=3");
        assertProblem(gone, 410);
        gone.then().body("oldest", equalTo(5));
        poll(channel, "since=4").then().statusCode(200).body("events.seq", contains(5, 6, 7, 8, 9, 10));
        assertProblem(poll(channel, "since=0"), 410);
        poll(channel, "since=now").then().statusCode(200).body("next", equalTo(10));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        assertProblem(request().get("/v1/nothing-here"), 404);
        Response notAllowed = request().delete("/v1/channels/" + channel("method") + "/events");
        assertProblem(notAllowed, 405);
    }

    @Test
    void pollsRouteTheirOtherMethodsLikeAnyResource() {
        String channel = channel("methods");
        Response head = request().head("/v1/channels/" + channel + "/events?since=0");
        head.then().statusCode(200);
        assertNotNull(header(head, "ETag"));
        assertEquals("", head.asString());
        Response options = request().options("/v1/events");
        options.then().statusCode(204);
        assertEquals("GET, HEAD, OPTIONS", allow(options));
        Response channelOptions = request().options("/v1/channels/" + channel + "/events");
        channelOptions.then().statusCode(204);
        assertEquals("GET, HEAD, POST, OPTIONS", allow(channelOptions));
        Response put = request().contentType("application/json").body("{}").put("/v1/events?channels=" + channel + ":0");
        assertProblem(put, 405);
        assertEquals("GET, HEAD, OPTIONS", allow(put));
        Response patch = request().contentType("application/json").body("{}").patch("/v1/channels/" + channel + "/events");
        assertProblem(patch, 405);
        assertEquals("GET, HEAD, POST, OPTIONS", allow(patch));
    }

    /** The Lambda transport hands a list header back as one value per item. */
    private static String allow(Response response) {
        return String.join(", ", response.headers().getValues("Allow"));
    }

    /**
     * A poll behind the head this instance last saw reads head and events in one statement, one at the head reads the
     * head first: the same page, tag and headers either way.
     */
    @Test
    void bothWaysOfReadingGiveTheSameAnswer() {
        String channel = channel("ways");
        publishNumbered(channel, 30);
        // Unknown channel: head first, then events.
        Response first = poll(channel, "since=10&limit=5");
        poll(channel, "since=30").then().statusCode(200).body("events.size()", equalTo(0));
        // Now known to be at 30: since=10 is behind it, head and events in one read.
        Response second = poll(channel, "since=10&limit=5");
        assertEquals(first.asString(), second.asString());
        assertEquals(header(first, "ETag"), header(second, "ETag"));
        assertEquals(header(first, "Cache-Control"), header(second, "Cache-Control"));
        second.then().body("events.seq", contains(11, 12, 13, 14, 15)).body("more", equalTo(true));
        request().header("If-None-Match", header(second, "ETag"))
                .get("/v1/channels/" + channel + "/events?since=10&limit=5")
                .then()
                .statusCode(304);
        Response rest = poll(channel, "since=15");
        rest.then().body("events.size()", equalTo(15)).body("next", equalTo(30)).body("more", equalTo(false));
        assertEquals(LIVE, header(rest, "Cache-Control"));
    }

    @Test
    void eventsAreReturnedInSeqOrderWithTheirTypes() {
        String channel = channel("order");
        publish(channel, "[{\"type\":\"a\",\"data\":1},{\"type\":\"b\",\"data\":2}]");
        publish(channel, "{\"type\":\"c\",\"data\":3}");
        List<String> types = poll(channel, "").then().extract().path("events.type");
        assertEquals(List.of("a", "b", "c"), types);
    }
}
