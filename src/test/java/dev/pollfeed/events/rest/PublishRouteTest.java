package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.publishWithKey;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;

@QuarkusTest
class PublishRouteTest {

    @Test
    void publishesOneEventWithDefaults() {
        String channel = channel("one");
        Response response = publish(channel, "{\"data\":{\"hello\":\"world\"}}");
        response.then()
                .statusCode(201)
                .contentType("application/json")
                .body("channel", equalTo(channel))
                .body("events.seq", contains(1))
                .body("events[0].type", equalTo("message"))
                .body("events[0].data.hello", equalTo("world"))
                .body("events[0].time", matchesPattern(Api.TIME));
        assertEquals("no-store", Api.header(response, "Cache-Control"));
    }

    @Test
    void batchesGetConsecutiveSeqsAcrossRequests() {
        String channel = channel("batch");
        publish(channel, "[{\"type\":\"a\",\"data\":1},{\"type\":\"b\",\"data\":2},{\"data\":3}]").then()
                .statusCode(201)
                .body("events.seq", contains(1, 2, 3))
                .body("events.type", contains("a", "b", "message"));
        publish(channel, "{\"type\":\"order.updated\",\"data\":4}").then().statusCode(201).body("events.seq", contains(4));
    }

    @Test
    void dataOfEveryKindRoundTripsWithoutLoss() {
        String channel = channel("kinds");
        String big = "123456789012345678901234567890123456789";
        String body = "[{\"data\":" + big + "},{\"data\":0.1000000000000000055511151231257827},{\"data\":\"text é 😀\"},"
                + "{\"data\":[1,\"two\",null]},{\"data\":true},{\"data\":false},{\"data\":null},{\"data\":-1.5e3}]";
        String published = publish(channel, body).then().statusCode(201).extract().asString();
        String polled = poll(channel, "since=0").then().statusCode(200).extract().asString();
        assertTrue(published.contains("\"data\":" + big + ","), published);
        assertTrue(polled.contains("\"data\":" + big + ","), polled);
        assertTrue(polled.contains("\"data\":0.1000000000000000055511151231257827,"), polled);
        assertTrue(polled.contains("\"data\":\"text é 😀\""), polled);
        assertTrue(polled.contains("\"data\":null,"), polled);
        // What the publisher is told was stored is exactly what pollers get.
        String publishedEvents = published.substring(published.indexOf("\"events\""));
        String polledEvents = polled.substring(polled.indexOf("\"events\""), polled.indexOf(",\"next\""));
        assertEquals(publishedEvents.substring(0, publishedEvents.length() - 1), polledEvents);
    }

    @Test
    void unknownFieldsAreIgnoredAndNullTypeMeansDefault() {
        String channel = channel("unknown");
        publish(channel, "{\"id\":\"x\",\"type\":null,\"data\":1,\"meta\":{\"deep\":[1,2,3]}}").then()
                .statusCode(201)
                .body("events[0].type", equalTo("message"))
                .body("events[0].id", nullValue());
    }

    @Test
    void charsetUtf8IsAccepted() {
        request().contentType("application/json; charset=UTF-8")
                .body("{\"data\":1}")
                .post("/v1/channels/" + channel("charset") + "/events")
                .then()
                .statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "[]", "[1]", "1", "\"s\"", "null", "{\"type\":\"a b\",\"data\":1}",
            "[{\"data\":1},{\"type\":\"x\"}]", "{\"data\":\"\\u0000\"}", "{\"data\":\"\\ud83d\"}", "{\"data\":1e200000}",
            "{\"data\":1}{\"data\":2}",
            "{\"data\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                    + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                    + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void invalidBodiesAreBadRequestsAndStoreNothing(String body) {
        String channel = channel("invalid");
        assertProblem(publish(channel, body), 400);
        poll(channel, "since=0").then().statusCode(200).body("next", equalTo(0)).body("events.size()", equalTo(0));
    }

    @Test
    void oneBadEventRejectsTheWholeBatch() {
        String channel = channel("atomic");
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 99; i++) {
            batch.append("{\"data\":").append(i).append("},");
        }
        assertProblem(publish(channel, batch.append("{\"type\":\"no spaces\",\"data\":0}]").toString()), 400);
        poll(channel, "since=0").then().body("next", equalTo(0));
    }

    @Test
    void batchesAboveOneHundredAreRejected() {
        String channel = channel("hundred");
        assertProblem(publish(channel, "[" + "{\"data\":0},".repeat(100) + "{\"data\":0}]"), 400);
        publish(channel, "[" + "{\"data\":0},".repeat(99) + "{\"data\":0}]").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
            "application/problem+json"})
    void otherContentTypesAre415(String contentType) {
        String channel = channel("type");
        assertProblem(request().contentType(contentType)
                .body("{\"data\":1}")
                .post("/v1/channels/" + channel + "/events"), 415);
        poll(channel, "since=0").then().body("next", equalTo(0));
    }

    @Test
    void missingContentTypeIs415() {
        assertProblem(request().body("{\"data\":1}".getBytes()).post("/v1/channels/" + channel("none") + "/events"), 415);
    }

    @Test
    void oversizedDataAndBodiesAre413() {
        String channel = channel("large");
        String justFits = "\"" + "x".repeat(65_536 - 2) + "\"";
        publish(channel, "{\"data\":" + justFits + "}").then().statusCode(201);
        assertProblem(publish(channel, "{\"data\":\"" + "x".repeat(65_536 - 1) + "\"}"), 413);
        String nearlyFull = "{\"data\":\"" + "x".repeat(60_000) + "\"}";
        assertProblem(publish(channel, "[" + (nearlyFull + ",").repeat(17) + nearlyFull + "]"), 413);
        poll(channel, "since=0").then().body("next", equalTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-orders", ".hidden", "a%20b", "a%00b", "caf%C3%A9", "a%3Ab", "a%2Cb"})
    void invalidChannelNamesAre400(String channel) {
        assertProblem(publish(channel, "{\"data\":1}"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "%2E%2E", "a%2Fb", "%2F", "."})
    void pathTricksNeverReachAChannel(String channel) {
        // Routing may resolve these to another resource (404, 405) before the name is validated (400): all are
        // problem documents, and nothing is stored anywhere.
        Response response = publish(channel, "{\"data\":1}");
        assertTrue(List.of(400, 404, 405).contains(response.statusCode()), response.statusCode() + " " + response.asString());
        assertProblem(response, response.statusCode());
    }

    @Test
    void channelNameOf129CharactersIs400() {
        assertProblem(publish("a".repeat(129), "{\"data\":1}"), 400);
        publish("b" + "a".repeat(127), "{\"data\":1}").then().statusCode(201);
    }

    @Test
    void retryWithTheSameKeyReplaysTheOriginal() {
        String channel = channel("idem");
        String first = publishWithKey(channel, "key-1", "[{\"type\":\"t\",\"data\":{\"a\":1,\"b\":[1,2]}},{\"data\":2}]")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        // Same request as parsed JSON with defaults applied: other spacing, key order and an explicit default type.
        Response replay = publishWithKey(channel, "key-1",
                "[ {\"data\":{\"b\":[1, 2], \"a\":1.0}, \"type\":\"t\"}, {\"type\":\"message\", \"data\":2} ]");
        replay.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first, replay.asString());
        poll(channel, "since=0").then().body("next", equalTo(2));
    }

    @Test
    void reusingAKeyForADifferentRequestIs422() {
        String channel = channel("reuse");
        publishWithKey(channel, "k", "{\"data\":1}").then().statusCode(201);
        assertProblem(publishWithKey(channel, "k", "{\"data\":2}"), 422);
        assertProblem(publishWithKey(channel, "k", "{\"type\":\"other\",\"data\":1}"), 422);
        // Keys are per channel.
        publishWithKey(channel("other"), "k", "{\"data\":2}").then().statusCode(201);
        poll(channel, "since=0").then().body("next", equalTo(1));
    }

    @Test
    void invalidKeysAre400() {
        String channel = channel("badkey");
        assertProblem(publishWithKey(channel, "k".repeat(256), "{\"data\":1}"), 400);
        publishWithKey(channel, "k".repeat(255), "{\"data\":1}").then().statusCode(201);
        assertProblem(request().contentType("application/json")
                .header("Idempotency-Key", "a")
                .header("Idempotency-Key", "b")
                .body("{\"data\":1}")
                .post("/v1/channels/" + channel + "/events"), 400);
    }

    @Test
    void racingRetriesYieldExactlyOneCreated() throws Exception {
        String channel = channel("race");
        int attempts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                calls.add(() -> publishWithKey(channel, "same", "[{\"data\":\"x\"},{\"data\":\"y\"}]"));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(calls)) {
                statuses.add(future.get().statusCode());
                bodies.add(future.get().asString());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(attempts - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, bodies.stream().distinct().count(), "every attempt reports the same events");
            poll(channel, "since=0").then().body("next", equalTo(2)).body("events.seq", contains(1, 2));
        } finally {
            pool.shutdownNow();
        }
    }
}
