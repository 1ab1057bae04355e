package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code Poll-Interval} per channel, end to end with the settings shrunk to seconds: base 1, stretching after 1 s of
 * quiet, capped at 4.
 */
@QuarkusTest
@TestProfile(AdaptivePollIntervalTest.ShortQuietSpells.class)
class AdaptivePollIntervalTest {

    public static class ShortQuietSpells implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pollfeed.polling.interval-seconds", "1",
                    "pollfeed.polling.max-interval-seconds", "4",
                    "pollfeed.polling.quiet-after-seconds", "1");
        }
    }

    @Test
    void aQuietChannelStretchesAndItsNextEventBringsTheBaseBack() throws Exception {
        String quiet = channel("quiet");
        String busy = channel("busy");
        publish(quiet, "{\"data\":1}").then().statusCode(201);
        Response first = poll(quiet, "since=0");
        assertEquals("1", header(first, "Poll-Interval"));

        Thread.sleep(2_100);
        Response stretched = poll(quiet, "since=1");
        assertEquals(200, stretched.statusCode());
        assertEquals("4", header(stretched, "Poll-Interval"));
        // The 304 of the same poll carries the interval its 200 carries.
        Response notModified = request().header("If-None-Match", header(stretched, "ETag"))
                .get("/v1/channels/" + quiet + "/events?since=1");
        assertEquals(304, notModified.statusCode());
        assertEquals("4", header(notModified, "Poll-Interval"));

        // Several channels: the shortest.
        publish(busy, "{\"data\":1}").then().statusCode(201);
        Response many = request().get("/v1/events?channels=" + quiet + ":1," + busy + ":1");
        assertEquals(200, many.statusCode());
        assertEquals("1", header(many, "Poll-Interval"));
        Response manyNotModified = request().header("If-None-Match", header(many, "ETag"))
                .get("/v1/events?channels=" + quiet + ":1," + busy + ":1");
        assertEquals(304, manyNotModified.statusCode());
        assertEquals("1", header(manyNotModified, "Poll-Interval"));

        publish(quiet, "{\"data\":2}").then().statusCode(201);
        Response woken = poll(quiet, "since=1");
        assertEquals(1, woken.jsonPath().getList("events").size());
        assertEquals("1", header(woken, "Poll-Interval"));
    }
}
