package dev.pollfeed.retention;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publishNumbered;
import static dev.pollfeed.testing.Api.request;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Overlapping maintenance runs, as happen on Lambda once the maintenance function has no reserved concurrency of 1
 * (a run that outlasts its schedule, a retry): every run succeeds, each expired event is deleted exactly once, and
 * what remains is the same window a single run leaves.
 */
@QuarkusTest
@TestProfile(RetentionTest.SmallWindows.class)
class RetentionOverlapTest {

    private static final int RUNS = 4;
    private static final int EVENTS = 40;

    @Test
    void overlappingRunsAreHarmless() throws Exception {
        List<String> channels = List.of("keep5." + channel("overlap-a"), "keep5." + channel("overlap-b"),
                "keep5." + channel("overlap-c"));
        for (String channel : channels) {
            publishNumbered(channel, EVENTS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return request().post("/internal/retention/run");
                }));
            }
            start.countDown();
            long deleted = 0;
            for (Future<Response> run : runs) {
                Response report = run.get(60, TimeUnit.SECONDS);
                report.then().statusCode(200);
                deleted += report.jsonPath().getLong("eventsDeleted");
            }
            // The server's own timer may prune some of them first; never more than the expired ones, never twice.
            assertTrue(deleted <= (long) (EVENTS - 5) * channels.size(), "deleted " + deleted);
        } finally {
            pool.shutdownNow();
        }
        for (String channel : channels) {
            request().get("/v1/channels/" + channel + "/stats")
                    .then()
                    .body("oldest", equalTo(EVENTS - 4))
                    .body("head", equalTo(EVENTS))
                    .body("count", equalTo(5));
            poll(channel, "since=" + (EVENTS - 5)).then()
                    .statusCode(200)
                    .body("events.seq", contains(36, 37, 38, 39, 40));
        }
    }
}
