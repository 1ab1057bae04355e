package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.db.PageMemory;

/**
 * Polls of 2 MiB pages while the page memory is full: one waits and gets its page once the memory is given back, one
 * beyond the queue gets 503 {@code overloaded} with {@code Retry-After} at once, never a 500; every reservation is
 * given back when its response ends (test requests go through the Lambda handler, one at a time: bench/faults/run
 * sends them concurrently to the server build).
 */
@QuarkusTest
@TestProfile(PageMemoryLimitTest.SmallPageMemory.class)
class PageMemoryLimitTest {

    private static final int WAITERS = 1;

    public static class SmallPageMemory implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pollfeed.polling.page-memory-bytes", Integer.toString(5 * 1024 * 1024),
                    "pollfeed.polling.page-memory-waiters", Integer.toString(WAITERS));
        }
    }

    @Inject
    PageMemory memory;

    @Test
    void aPollWaitsForPageMemoryAndIsRefusedWith503BeyondTheQueue() throws Exception {
        String name = channel("pagemem");
        ResponseBudgetTest.publishLarge(name, 40);
        // The test holds all the page memory: the next poll of events waits until it is given back.
        PageMemory.Lease held = memory.lease(5 * 1024 * 1024);
        held.acquire(1000).await().atMost(Duration.ofSeconds(5));
        PageMemory.Lease queued = memory.lease(1);
        try {
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(held::close);
            long started = System.nanoTime();
            Response waited = poll(name, "since=0&limit=1000");
            waited.then().statusCode(200);
            assertTrue(waited.asByteArray().length > 1_000_000, waited.asByteArray().length + " bytes");
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(250), "it waited");
            // Memory held and the queue full: refused at once, 503 overloaded with Retry-After (never a 500).
            held = memory.lease(5 * 1024 * 1024);
            held.acquire(1000).await().atMost(Duration.ofSeconds(5));
            queued.acquire(10_000).subscribe().with(granted -> {
            }, failure -> {
            });
            assertEquals(1, memory.waiting());
            Response refused = poll(name, "since=0&limit=1000");
            refused.then().statusCode(503).header("Retry-After", "1");
            assertTrue(refused.asString().contains("overloaded"), refused.asString());
            // Caught-up polls read no events: never queued, never refused.
            poll(name, "since=40").then().statusCode(200);
        } finally {
            held.close();
            queued.close();
        }
        for (int i = 0; i < 50 && memory.reserved() != 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, memory.reserved(), "every reservation given back when its response ended");
        assertEquals(0, memory.waiting());
        poll(name, "since=0&limit=1000").then().statusCode(200);
        assertEquals(0, memory.reserved());
    }
}
