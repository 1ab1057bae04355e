package dev.pollfeed.events.repository;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.kernel.ChannelName;

/**
 * Publishes that arrive while one is being stored share the next statement: each still gets exactly its own events,
 * numbered gaplessly with everyone else's, and a publish PostgreSQL refuses fails alone.
 */
@QuarkusTest
class SharedPublishTest {

    private static final int PUBLISHES = 60;

    @Inject
    PublishRepository repository;

    @Test
    void concurrentPublishesEachGetTheirOwnEventsAndChannelsStayGapless() throws Exception {
        String[] channels = {channel("sw-a"), channel("sw-b"), channel("sw-c")};
        List<CompletableFuture<List<StoredEvent>>> results = new ArrayList<>();
        for (int p = 0; p < PUBLISHES; p++) {
            results.add(store(channels[p % 3], p, 1 + p % 4));
        }
        Map<String, TreeSet<Long>> seqs = new TreeMap<>();
        for (int p = 0; p < PUBLISHES; p++) {
            List<StoredEvent> events = results.get(p).get(30, TimeUnit.SECONDS);
            assertOwn(p, events);
            for (StoredEvent event : events) {
                assertTrue(seqs.computeIfAbsent(channels[p % 3], ignored -> new TreeSet<>()).add(event.seq()));
            }
        }
        for (String channel : channels) {
            assertGapless(channel, seqs.get(channel));
        }
    }

    @Test
    void aPublishPostgresRefusesFailsAloneAndStoresNothing() throws Exception {
        String channel = channel("sw-bad");
        List<CompletableFuture<List<StoredEvent>>> results = new ArrayList<>();
        int bad = PUBLISHES / 2;
        for (int p = 0; p < PUBLISHES; p++) {
            results.add(p == bad
                    ? repository.store(new ChannelName(channel), 1, "[{\"type\":\"t\",\"data\":").subscribeAsCompletionStage()
                    : store(channel, p, 2));
        }
        TreeSet<Long> seqs = new TreeSet<>();
        for (int p = 0; p < PUBLISHES; p++) {
            if (p == bad) {
                CompletableFuture<List<StoredEvent>> refused = results.get(p);
                assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
                continue;
            }
            List<StoredEvent> events = results.get(p).get(30, TimeUnit.SECONDS);
            assertOwn(p, events);
            events.forEach(event -> seqs.add(event.seq()));
        }
        assertEquals(2 * (PUBLISHES - 1), seqs.size());
        assertGapless(channel, seqs);
    }

    private CompletableFuture<List<StoredEvent>> store(String channel, int publish, int count) {
        StringBuilder batch = new StringBuilder("[");
        for (int k = 0; k < count; k++) {
            batch.append(k == 0 ? "" : ",")
                    .append("{\"type\":\"p")
                    .append(publish)
                    .append("\",\"data\":{\"k\":")
                    .append(k)
                    .append("}}");
        }
        return repository.store(new ChannelName(channel), count, batch.append(']').toString())
                .subscribeAsCompletionStage();
    }

    /** The events of publish {@code p}, in its order, with consecutive seqs. */
    private static void assertOwn(int p, List<StoredEvent> events) {
        for (int k = 0; k < events.size(); k++) {
            assertEquals("p" + p, events.get(k).type());
            assertEquals("{\"k\": " + k + "}", events.get(k).dataJson());
            assertEquals(events.get(0).seq() + k, events.get(k).seq());
        }
    }

    /** Seqs 1..n, and a poll from the start sees exactly those. */
    private static void assertGapless(String channel, TreeSet<Long> seqs) {
        assertEquals(1, seqs.first());
        assertEquals(seqs.size(), seqs.last());
        List<Integer> polled = poll(channel, "since=0&limit=1000").then().statusCode(200).extract().path("events.seq");
        assertEquals(seqs.size(), polled.size());
        assertTrue(polled.stream().map(Integer::longValue).toList().equals(List.copyOf(seqs)), channel);
    }
}
