package dev.pollfeed.events.repository;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A multi-channel poll whose heads were last seen close to its cursors reads at most the rows that cannot reach a
 * page's share, without the running sum (docs/decisions/0011-byte-budget-only-where-it-can-cut.md); a page that
 * turns out longer is read again with it. The answers are the ones the budgeted statement gives.
 */
@QuarkusTest
class CappedPagesTest {

    /** 60,002 bytes of JSON data each (escaped quotes): three of them pass a 10-channel poll's share. */
    private static final String LARGE = "{\"data\":\"" + "\\\"".repeat(30_000) + "\"}";

    @Test
    void aPageLongerThanItsHeadLastSeenIsReadAgainWithTheBudget() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add(channel("capped-" + i));
            publish(names.get(i), "[" + LARGE + "]").then().statusCode(201);
        }
        String query = String.join(",", names.stream().map(name -> name + ":0").toList());
        // Heads seen at 1: the next poll expects one event per page.
        request().get("/v1/events?channels=" + query).then().statusCode(200);
        publish(names.get(0), "[" + String.join(",", List.of(LARGE, LARGE, LARGE, LARGE, LARGE)) + "]").then()
                .statusCode(201);
        publish(names.get(1), "[{\"data\":1},{\"data\":2}]").then().statusCode(201);

        Response capped = request().get("/v1/events?channels=" + query);
        capped.then().statusCode(200);
        // Now the heads seen are 6 and 3: the same poll goes straight to the budgeted statement.
        Response budgeted = request().get("/v1/events?channels=" + query);
        assertArrayEquals(budgeted.asByteArray(), capped.asByteArray());

        JsonPath json = capped.jsonPath();
        List<Long> first = json.getList("channels.'" + names.get(0) + "'.events.seq", Long.class);
        assertTrue(first.size() >= 2 && first.size() < 6, first.toString());
        assertEquals(true, json.getBoolean("channels.'" + names.get(0) + "'.more"));
        assertEquals(List.of(1L, 2L, 3L), json.getList("channels.'" + names.get(1) + "'.events.seq", Long.class));
        assertEquals(List.of(1L), json.getList("channels.'" + names.get(2) + "'.events.seq", Long.class));
    }
}
