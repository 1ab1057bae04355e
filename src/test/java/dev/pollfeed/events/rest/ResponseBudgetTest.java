package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Poll answers stay within the byte budget (pollfeed.limits.max-response-bytes, 2 MiB by default): pages of large
 * events end early with {@code more: true}, stay gapless, immutable and the same on every poll; a multi-channel poll
 * shares one budget.
 */
@QuarkusTest
class ResponseBudgetTest {

    private static final int BUDGET = 2 * 1024 * 1024;
    /** Events of 30,000 quotes: 60,002 bytes of JSON data each (escaped), so 34 fit a page. */
    private static final int EVENTS = 40;

    @Test
    void aPageOfLargeEventsEndsAtTheBudget() {
        String name = channel("budget");
        publishLarge(name, EVENTS);
        List<Long> seen = new ArrayList<>();
        long since = 0;
        int polls = 0;
        boolean more = true;
        while (more) {
            Response page = poll(name, "since=" + since + "&limit=1000");
            page.then().statusCode(200);
            byte[] body = page.asByteArray();
            assertTrue(body.length <= BUDGET, body.length + " bytes");
            JsonPath json = page.jsonPath();
            List<Long> seqs = json.getList("events.seq", Long.class);
            more = json.getBoolean("more");
            if (more) {
                assertTrue(seqs.size() < EVENTS && body.length > BUDGET - 130_000, seqs.size() + " events");
                assertEquals("public, max-age=31536000, immutable", header(page, "Cache-Control"));
                Response again = poll(name, "since=" + since + "&limit=1000");
                assertArrayEquals(body, again.asByteArray(), "a page cut by bytes is the same on every poll");
                assertEquals(header(page, "ETag"), header(again, "ETag"));
                // The If-None-Match path (plan, then events) cuts the same page.
                Response conditional = request().header("If-None-Match", "\"other\"")
                        .get("/v1/channels/" + name + "/events?since=" + since + "&limit=1000");
                assertArrayEquals(body, conditional.asByteArray());
                request().header("If-None-Match", header(page, "ETag"))
                        .get("/v1/channels/" + name + "/events?since=" + since + "&limit=1000")
                        .then()
                        .statusCode(304);
            }
            seen.addAll(seqs);
            since = json.getLong("next");
            polls++;
        }
        assertEquals(sequence(1, EVENTS), seen, "every event once, in order");
        assertEquals(2, polls);
    }

    @Test
    void channelsOfOnePollShareTheBudget() {
        String a = channel("budget-a");
        String b = channel("budget-b");
        publishLarge(a, EVENTS);
        publishLarge(b, EVENTS);
        Map<String, Long> cursors = new LinkedHashMap<>(Map.of(a, 0L, b, 0L));
        Map<String, List<Long>> seen = Map.of(a, new ArrayList<>(), b, new ArrayList<>());
        for (int poll = 0; poll < 10 && (cursors.get(a) < EVENTS || cursors.get(b) < EVENTS); poll++) {
            Response answer = request().get("/v1/events?channels=" + a + ":" + cursors.get(a) + "," + b + ":"
                    + cursors.get(b) + "&limit=1000");
            answer.then().statusCode(200);
            assertTrue(answer.asByteArray().length <= BUDGET, answer.asByteArray().length + " bytes");
            for (String name : List.of(a, b)) {
                String path = "channels.'" + name + "'.";
                seen.get(name).addAll(answer.jsonPath().getList(path + "events.seq", Long.class));
                cursors.put(name, answer.jsonPath().getLong(path + "next"));
            }
            if (poll == 0) {
                // An even share each: half the budget, 17 events of ~60 KB.
                assertTrue(cursors.get(a) > 10 && cursors.get(a) < EVENTS, "a: " + cursors.get(a));
                assertTrue(cursors.get(b) > 10 && cursors.get(b) < EVENTS, "b: " + cursors.get(b));
                assertEquals(true, answer.jsonPath().getBoolean("channels.'" + b + "'.more"));
            }
        }
        assertEquals(sequence(1, EVENTS), seen.get(a));
        assertEquals(sequence(1, EVENTS), seen.get(b));
    }

    /**
     * {@code count} events whose data is a string of 30,000 quotes (60,002 bytes of JSON, under the 64 KiB limit; as
     * escaped JSON inside a Lambda response, twice that), in batches under the request limit.
     */
    static void publishLarge(String channel, int count) {
        String event = "{\"data\":\"" + "\\\"".repeat(30_000) + "\"}";
        for (int from = 0; from < count; from += 15) {
            List<String> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 15); i++) {
                batch.add(event);
            }
            publish(channel, "[" + String.join(",", batch) + "]").then().statusCode(201);
        }
    }

    private static List<Long> sequence(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}
