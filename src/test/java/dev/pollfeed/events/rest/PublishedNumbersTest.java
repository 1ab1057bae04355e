package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** Numbers count at the length PostgreSQL prints them (no exponent), so 64 KiB of data stays 64 KiB in a poll. */
@QuarkusTest
class PublishedNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\":1e100000}", "{\"data\":[1e-16383,1e-16383,1e-16383,1e-16383]}",
            "{\"data\":1e65536}", "[{\"data\":1},{\"data\":{\"n\":-1E+70000}}]"})
    void numbersLongerWhenPrintedAre413AndStoreNothing(String body) {
        String channel = channel("expands");
        assertProblem(publish(channel, body), 413);
        poll(channel, "since=0").then().statusCode(200).body("next", equalTo(0)).body("events.size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\":1e1000000}", "{\"data\":-1e-1000000}", "{\"data\":1E+131072}",
            "{\"data\":1e-100000}", "{\"data\":1e99999999999}", "[{\"data\":1},{\"data\":1e-16384}]"})
    void numbersOutsidePostgresRangeAre400AndStoreNothing(String body) {
        String channel = channel("overflow");
        assertProblem(publish(channel, body), 400);
        poll(channel, "since=0").then().statusCode(200).body("next", equalTo(0)).body("events.size()", equalTo(0));
    }

    @Test
    void numbersThatFitPrintedPublishAsPostgresPrintsThem() {
        String channel = channel("fits");
        publish(channel, "[{\"data\":1e10},{\"data\":1.5E-3},{\"data\":12345678901234567890},{\"data\":1e65535},"
                + "{\"data\":-1e65534},{\"data\":[1e-16383,1e-16383,1e-16383]}]").then().statusCode(201);
        String polled = poll(channel, "since=0").then().statusCode(200).body("next", equalTo(6)).extract().asString();
        assertTrue(polled.contains("\"data\":10000000000,"), polled);
        assertTrue(polled.contains("\"data\":0.0015,"), polled);
        assertTrue(polled.contains("\"data\":12345678901234567890,"), polled);
        // Exactly at the limit as printed: 65536 bytes each.
        assertTrue(polled.contains("\"data\":1" + "0".repeat(65_535) + ","));
        assertTrue(polled.contains("\"data\":-1" + "0".repeat(65_534) + ","));
        assertTrue(polled.contains("0." + "0".repeat(16_382) + "1, 0."));
    }
}
