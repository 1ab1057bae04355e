package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.publishNumbered;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.pollfeed.events.repository.PollRepository;
import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.OtherInstance;

/**
 * Catch-up and multi-channel pages answered from the recent events in memory (docs/protocol.md §10.2): without a
 * statement, byte for byte what the database answers, late by at most the freshness bound, and never for a cursor
 * beyond the head this instance holds. A publish elsewhere is the service's statement run over JDBC.
 */
@QuarkusTest
class PagesFromMemoryTest {

    /** pollfeed.polling.head-freshness in tests (the default). */
    private static final long BOUND_MILLIS = 1000;
    /** The headers a cache or a client acts on. */
    private static final List<String> HEADERS = List.of("ETag", "Cache-Control", "Poll-Interval", "Content-Type",
            "Vary");

    @Inject
    PollRepository repository;

    @Inject
    RecentBodies bodies;

    @Inject
    AgroalDataSource database;

    @Test
    void aFullPageIsAnsweredFromMemoryWithoutAStatementAndTheSameBytes() {
        String channel = channel("mem-full");
        publishNumbered(channel, 30);
        String path = "/v1/channels/" + channel + "/events?since=5&limit=10";
        Response fromDatabase = request().get(path);
        fromDatabase.then().statusCode(200).body("more", equalTo(true)).body("next", equalTo(15));
        long before = repository.statementsSent();
        bodies.forget(); // the body from memory is written again, not the one kept from the database's answer
        Response fromMemory = request().get(path);
        assertEquals(before, repository.statementsSent(), "a full page held in memory costs no statement");
        assertSame(fromDatabase, fromMemory);
        assertEquals("public, max-age=31536000, immutable", Api.header(fromMemory, "Cache-Control"));
        Response notModified = request().header("If-None-Match", fromDatabase.header("ETag")).get(path);
        notModified.then().statusCode(304);
        assertEquals(before, repository.statementsSent());
        for (String header : HEADERS.subList(0, 3)) {
            assertEquals(Api.header(fromDatabase, header), Api.header(notModified, header), header);
        }
    }

    @Test
    void aCatchUpPageIsAnsweredFromMemoryWithoutAStatementAndTheSameBytes() {
        String channel = channel("mem-partial");
        publishNumbered(channel, 12);
        String path = "/v1/channels/" + channel + "/events?since=2&limit=10";
        Response fromDatabase = request().get(path);
        fromDatabase.then().statusCode(200).body("more", equalTo(false)).body("next", equalTo(12));
        long before = repository.statementsSent();
        bodies.forget(); // the body from memory is written again, not the one kept from the database's answer
        Response fromMemory = request().get(path);
        // Another client of the channel, further behind within what was read: memory too.
        request().get("/v1/channels/" + channel + "/events?since=7&limit=10")
                .then()
                .statusCode(200)
                .body("events.seq", contains(8, 9, 10, 11, 12));
        assertEquals(before, repository.statementsSent(), "a page held in memory at a fresh head costs no statement");
        assertSame(fromDatabase, fromMemory);
        assertEquals("public, max-age=1", Api.header(fromMemory, "Cache-Control"));
    }

    @Test
    void aMultiChannelPollIsComposedFromMemory() {
        String a = channel("mem-ma");
        String b = channel("mem-mb");
        String c = channel("mem-mc");
        publishNumbered(a, 3);
        publishNumbered(b, 1);
        publishNumbered(c, 30);
        String path = "/v1/events?channels=" + a + ":2," + b + ":1," + c + ":0&limit=10";
        Response fromDatabase = request().get(path);
        fromDatabase.then().statusCode(200);
        long before = repository.statementsSent();
        bodies.forget(); // the body from memory is written again, not the one kept from the database's answer
        Response fromMemory = request().get(path);
        assertEquals(before, repository.statementsSent(), "every page held: no statement");
        assertSame(fromDatabase, fromMemory);
        fromMemory.then()
                .body("channels.'" + a + "'.events.seq", contains(3))
                .body("channels.'" + b + "'.events.size()", equalTo(0))
                .body("channels.'" + c + "'.more", equalTo(true));
        request().header("If-None-Match", fromDatabase.header("ETag")).get(path).then().statusCode(304);
        assertEquals(before, repository.statementsSent());
    }

    @Test
    void aCursorBeyondTheHeadInMemoryGoesToTheDatabase() throws Exception {
        String channel = channel("mem-beyond");
        publishNumbered(channel, 3);
        request().get("/v1/channels/" + channel + "/events?since=1").then().body("events.seq", contains(2, 3));
        publishElsewhere(channel, "a");
        publishElsewhere(channel, "b");
        long before = repository.statementsSent();
        // The client saw seq 4 (elsewhere): the head 3 held here cannot answer for it, nor can the events held.
        request().get("/v1/channels/" + channel + "/events?since=4")
                .then()
                .statusCode(200)
                .body("events.seq", contains(5))
                .body("events.data", contains("b"));
        assertTrue(repository.statementsSent() > before, "read from the database");
    }

    @Test
    void aPublishThroughThisInstanceIsSeenAtOnceAndElsewhereWithinTheBound() throws Exception {
        String channel = channel("mem-fresh");
        publishNumbered(channel, 3);
        String path = "/v1/channels/" + channel + "/events?since=1";
        request().get(path).then().body("events.seq", contains(2, 3));
        request().get(path).then().body("events.seq", contains(2, 3));
        Api.publish(channel, "{\"data\":\"here\"}").then().statusCode(201);
        request().get(path).then().statusCode(200).body("events.seq", contains(2, 3, 4));

        long committed = publishElsewhere(channel, "elsewhere");
        while (System.currentTimeMillis() - committed < BOUND_MILLIS) {
            Response early = request().get(path);
            List<Integer> seqs = early.then().statusCode(200).extract().path("events.seq");
            assertTrue(seqs.equals(List.of(2, 3, 4)) || seqs.equals(List.of(2, 3, 4, 5)), "late or current: " + seqs);
            Thread.sleep(50);
        }
        Thread.sleep(20);
        request().get(path).then().statusCode(200).body("events.seq", contains(2, 3, 4, 5));
    }

    @Test
    void afterAPruneMemoryMayStillShowTheEventsItReadButNeverInventsAny() throws Exception {
        String channel = channel("mem-pruned");
        publishNumbered(channel, 6);
        String path = "/v1/channels/" + channel + "/events?since=3";
        Response read = request().get(path);
        read.then().body("events.seq", contains(4, 5, 6));
        prune(channel, 5);
        // Seq 4 is gone, and the database would answer 410; memory may answer late, as the rule allows (within a minute
        // of the read), with the events it read, exactly as the database gave them.
        Response late = request().get(path);
        assertSame(read, late);
        // A cursor before what memory holds goes to the database, which says they are gone.
        Response expired = request().get("/v1/channels/" + channel + "/events?since=1");
        assertProblem(expired, 410);
        expired.then().body("oldest", equalTo(5));
    }

    /** Status, the headers caches and clients act on, and the body, byte for byte. */
    private static void assertSame(Response expected, Response actual) {
        assertEquals(expected.statusCode(), actual.statusCode());
        for (String header : HEADERS) {
            assertEquals(Api.header(expected, header), Api.header(actual, header), header);
        }
        assertArrayEquals(expected.asByteArray(), actual.asByteArray());
    }

    private long publishElsewhere(String channel, String data) throws Exception {
        return OtherInstance.publish(database, channel, data);
    }

    /** What retention does: the channel's events before {@code oldest} removed, and its oldest raised. */
    private void prune(String channel, long oldest) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM events WHERE channel = '" + channel + "' AND seq < " + oldest);
            statement.execute("UPDATE channels SET oldest = " + oldest + " WHERE name = '" + channel + "'");
        }
    }
}
