package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Concurrent polls share their database statements (SharedStatements): many at once, on different channels and cursors,
 * each must still get exactly its own page, tag and 304.
 */
@io.quarkus.test.junit.QuarkusTest
class ConcurrentPollsTest {

    private static final int CHANNELS = 12;
    private static final int EVENTS = 30;

    @Test
    void concurrentPollsEachGetTheirOwnPage() throws Exception {
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            String name = channel("conc" + c);
            channels.add(name);
            StringBuilder batch = new StringBuilder("[");
            for (int i = 1; i <= EVENTS; i++) {
                batch.append(i == 1 ? "" : ",").append("{\"data\":\"").append(name).append('/').append(i).append("\"}");
            }
            publish(name, batch.append(']').toString()).then().statusCode(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < 40; n++) {
                        String name = channels.get(random.nextInt(CHANNELS));
                        int since = random.nextInt(EVENTS + 1);
                        int limit = 1 + random.nextInt(10);
                        checkPage(name, since, limit);
                    }
                    return 40;
                }));
            }
            for (Future<Integer> thread : done) {
                assertEquals(40, thread.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentMultiChannelPollsEachGetTheirOwnChannels() throws Exception {
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            String name = channel("concm" + c);
            channels.add(name);
            for (int i = 1; i <= c + 1; i++) {
                publish(name, "{\"data\":\"" + name + "/" + i + "\"}").then().statusCode(201);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 20; n++) {
                        String a = channels.get(first);
                        String b = channels.get((first + 1 + n) % channels.size());
                        if (a.equals(b)) {
                            continue;
                        }
                        JsonPath body = request().get("/v1/events?channels=" + a + ":0," + b + ":0")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath();
                        for (String name : List.of(a, b)) {
                            List<String> data = body.getList("channels.'" + name + "'.events.data", String.class);
                            int count = channels.indexOf(name) + 1;
                            assertEquals(count, data.size(), name);
                            for (int i = 1; i <= count; i++) {
                                assertEquals(name + "/" + i, data.get(i - 1));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkPage(String name, int since, int limit) {
        Response response = poll(name, "since=" + since + "&limit=" + limit);
        assertEquals(200, response.statusCode(), response.asString());
        JsonPath body = response.jsonPath();
        assertEquals(name, body.getString("channel"));
        List<String> data = body.getList("events.data", String.class);
        int expected = Math.min(limit, EVENTS - since);
        assertEquals(expected, data.size(), name + " since " + since + " limit " + limit);
        for (int i = 0; i < expected; i++) {
            assertEquals(name + "/" + (since + 1 + i), data.get(i));
        }
        assertEquals(since + expected, body.getInt("next"));
        request().header("If-None-Match", header(response, "ETag"))
                .get("/v1/channels/" + name + "/events?since=" + since + "&limit=" + limit)
                .then()
                .statusCode(304);
    }
}
