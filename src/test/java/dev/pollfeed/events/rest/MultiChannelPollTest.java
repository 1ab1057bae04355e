package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.publishNumbered;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

@io.quarkus.test.junit.QuarkusTest
class MultiChannelPollTest {

    private static Response pollMany(String channels) {
        return request().get("/v1/events?channels=" + channels);
    }

    @Test
    void pollsManyChannelsInOneRequest() {
        String a = channel("ma");
        String b = channel("mb");
        String never = channel("mnever");
        publishNumbered(a, 5);
        publishNumbered(b, 2);
        Response response = pollMany(a + ":2," + b + ":0," + never + ":0");
        response.then()
                .statusCode(200)
                .contentType("application/json")
                .body("channels." + quoted(a) + ".events.seq", contains(3, 4, 5))
                .body("channels." + quoted(a) + ".next", equalTo(5))
                .body("channels." + quoted(a) + ".more", equalTo(false))
                .body("channels." + quoted(b) + ".events.seq", contains(1, 2))
                .body("channels." + quoted(never) + ".events.size()", equalTo(0))
                .body("channels." + quoted(never) + ".next", equalTo(0));
        assertEquals("public, max-age=1", header(response, "Cache-Control"));
        assertEquals("2", header(response, "Poll-Interval"));
        // Channels appear in request order.
        String body = response.asString();
        assertEquals(true, body.indexOf(a) < body.indexOf(b) && body.indexOf(b) < body.indexOf(never));
    }

    @Test
    void oneEtagOverAllChannels() {
        String a = channel("ea");
        String b = channel("eb");
        publishNumbered(a, 1);
        String query = a + ":0," + b + ":now";
        String etag = header(pollMany(query), "ETag");
        request().header("If-None-Match", etag).get("/v1/events?channels=" + query).then().statusCode(304);
        publishNumbered(b, 1);
        // "now" moved with b's head, so the answer (b's next) changed and so did the tag.
        request().header("If-None-Match", etag)
                .get("/v1/events?channels=" + query)
                .then()
                .statusCode(200)
                .body("channels." + quoted(b) + ".events.size()", equalTo(0))
                .body("channels." + quoted(b) + ".next", equalTo(1));
        String following = a + ":1," + b + ":0";
        String followingTag = header(pollMany(following), "ETag");
        request().header("If-None-Match", followingTag).get("/v1/events?channels=" + following).then().statusCode(304);
        publishNumbered(a, 1);
        request().header("If-None-Match", followingTag)
                .get("/v1/events?channels=" + following)
                .then()
                .statusCode(200)
                .body("channels." + quoted(a) + ".events.seq", contains(2))
                .body("channels." + quoted(b) + ".events.seq", contains(1));
    }

    @Test
    void immutableOnlyWhenEveryPageIsFull() {
        String a = channel("fa");
        String b = channel("fb");
        publishNumbered(a, 5);
        publishNumbered(b, 5);
        Response bothFull = request().get("/v1/events?limit=2&channels=" + a + ":0," + b + ":0");
        bothFull.then().body("channels." + quoted(a) + ".more", equalTo(true));
        assertEquals("public, max-age=31536000, immutable", header(bothFull, "Cache-Control"));
        Response oneLive = request().get("/v1/events?limit=2&channels=" + a + ":0," + b + ":4");
        assertEquals("public, max-age=1", header(oneLive, "Cache-Control"));
    }

    /**
     * Channels this instance knows to be behind are read in one statement (heads and events), others heads first:
     * the same body, tag and headers either way.
     */
    @Test
    void bothWaysOfReadingGiveTheSameAnswer() {
        String a = channel("wa");
        String b = channel("wb");
        String never = channel("wnever");
        publishNumbered(a, 30);
        publishNumbered(b, 3);
        String query = "limit=5&channels=" + a + ":10," + b + ":0," + never + ":0";
        // Channels not seen yet: heads, then events.
        Response first = request().get("/v1/events?" + query);
        pollMany(a + ":30," + b + ":3").then().statusCode(200);
        // Now known to be at 30 and 3: both cursors are behind, one statement.
        Response second = request().get("/v1/events?" + query);
        assertEquals(first.asString(), second.asString());
        assertEquals(header(first, "ETag"), header(second, "ETag"));
        assertEquals(header(first, "Cache-Control"), header(second, "Cache-Control"));
        second.then()
                .statusCode(200)
                .body("channels." + quoted(a) + ".events.seq", contains(11, 12, 13, 14, 15))
                .body("channels." + quoted(a) + ".more", equalTo(true))
                .body("channels." + quoted(b) + ".events.seq", contains(1, 2, 3))
                .body("channels." + quoted(never) + ".next", equalTo(0));
        request().header("If-None-Match", header(second, "ETag")).get("/v1/events?" + query).then().statusCode(304);
        // In one statement too, a cursor past the head (a replica behind a client's write) is an empty page at it.
        pollMany(a + ":28," + b + ":4").then()
                .statusCode(200)
                .body("channels." + quoted(a) + ".events.seq", contains(29, 30))
                .body("channels." + quoted(b) + ".events.size()", equalTo(0))
                .body("channels." + quoted(b) + ".next", equalTo(4));
    }

    @Test
    void badEntriesAre400() {
        String a = channel("bad");
        for (String channels : List.of("", a, a + ":", a + ":x", a + ":-1", a + ":0," + a + ":1", ":0", "-a:0",
                a + ":0,", a + ":1:2")) {
            assertProblem(pollMany(channels), 400);
        }
        assertProblem(request().get("/v1/events"), 400);
        assertProblem(request().get("/v1/events?channels=" + a + ":0&channels=" + a + "x:0"), 400);
        assertProblem(request().get("/v1/events?channels=" + a + ":0&limit=0"), 400);
    }

    @Test
    void fiftyChannelsAtMost() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            entries.add("c" + i + ":0");
        }
        assertProblem(pollMany(String.join(",", entries)), 400);
        pollMany(String.join(",", entries.subList(0, 50))).then().statusCode(200);
    }

    private static String quoted(String name) {
        return "'" + name + "'";
    }
}
