package dev.pollfeed.events.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.OtherInstance;

/**
 * Caught-up polls answered from memory (docs/protocol.md, "Freshness"): late by at most the bound, never wrong. A
 * publish through another instance is the service's write statements run over JDBC, as another instance would run
 * them; this instance learns of it only through the database.
 */
@QuarkusTest
class HeadFreshnessTest {

    /** pollfeed.polling.head-freshness in tests (the default). */
    private static final long BOUND_MILLIS = 1000;

    @Inject
    AgroalDataSource database;

    @Test
    void aPublishThroughAnotherInstanceIsSeenWithinTheBound() throws Exception {
        String channel = Api.channel("fresh-other");
        Api.publishNumbered(channel, 3);
        String etag = caughtUp(channel, 3);
        long committed = publishElsewhere(channel, "from-elsewhere");
        // Polls before the bound may still be answered from the head in memory; every one must be right or late.
        while (System.currentTimeMillis() - committed < BOUND_MILLIS) {
            Response early = Api.request().header("If-None-Match", etag).get("/v1/channels/" + channel + "/events?since=3");
            if (early.statusCode() == 200) {
                early.then().body("events.seq", contains(4));
            } else {
                early.then().statusCode(304);
            }
            Thread.sleep(50);
        }
        Thread.sleep(20); // the wall clock's millisecond
        Api.request()
                .header("If-None-Match", etag)
                .get("/v1/channels/" + channel + "/events?since=3")
                .then()
                .statusCode(200)
                .body("events.seq", contains(4))
                .body("events.data", contains("from-elsewhere"));
    }

    @Test
    void aPublishThroughThisInstanceIsSeenAtOnce() {
        String channel = Api.channel("fresh-same");
        Api.publishNumbered(channel, 3);
        String etag = caughtUp(channel, 3);
        Api.publish(channel, "{\"data\":\"here\"}").then().statusCode(201);
        Api.request()
                .header("If-None-Match", etag)
                .get("/v1/channels/" + channel + "/events?since=3")
                .then()
                .statusCode(200)
                .body("events.seq", contains(4));
        Api.poll(channel, "since=3").then().statusCode(200).body("events.seq", contains(4));
    }

    @Test
    void aCursorBeyondTheHeadInMemoryIsAnsweredFromTheDatabase() throws Exception {
        String channel = Api.channel("fresh-beyond");
        Api.publishNumbered(channel, 3);
        caughtUp(channel, 3);
        publishElsewhere(channel, "a");
        publishElsewhere(channel, "b");
        // A client that saw seq 4 (its own publish elsewhere, say) polls at once: 3 in memory cannot answer for it.
        Api.poll(channel, "since=4")
                .then()
                .statusCode(200)
                .body("events.seq", contains(5))
                .body("events.data", contains("b"));
        // And what the database said is now known here: seq 3 is no longer caught up.
        Api.poll(channel, "since=3").then().statusCode(200).body("events.seq", contains(4, 5));
    }

    @Test
    void aCaughtUpPollStaysRightAcrossManyPolls() {
        String channel = Api.channel("fresh-many");
        Api.publishNumbered(channel, 2);
        String etag = caughtUp(channel, 2);
        for (int i = 0; i < 50; i++) {
            Api.request()
                    .header("If-None-Match", etag)
                    .get("/v1/channels/" + channel + "/events?since=2")
                    .then()
                    .statusCode(304)
                    .header("ETag", equalTo(etag));
            Api.poll(channel, "since=2").then().statusCode(200).body("events", empty()).body("next", equalTo(2));
        }
    }

    /** Polls the channel caught up at {@code head} (so this instance holds its head) and returns the ETag. */
    private static String caughtUp(String channel, long head) {
        Response response = Api.poll(channel, "since=" + head);
        response.then().statusCode(200).body("events", empty()).body("next", equalTo((int) head));
        return response.header("ETag");
    }

    /** One event stored by the statements another instance runs; returns the wall-clock time of its commit. */
    private long publishElsewhere(String channel, String data) throws Exception {
        return OtherInstance.publish(database, channel, data);
    }

}
