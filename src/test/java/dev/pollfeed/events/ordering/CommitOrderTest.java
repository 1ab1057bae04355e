package dev.pollfeed.events.ordering;

import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.repository.HeldPublishes;
import dev.pollfeed.events.service.PublishOutcome;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.Transport;

/**
 * The deterministic interleaving, through the service's own write statements: while writer A's publish is held open
 * after its insert ({@link HeldPublishes}), writer B publishes to the same channel and a
 * poller polls. B must not become visible before A; once both commit the poller sees both, once each, in order.
 */
@QuarkusTest
@TestProfile(HeldTransactions.class)
class CommitOrderTest {

    @Inject
    AgroalDataSource database;

    @Inject
    PublishService service;

    @Test
    void aLaterWriterCannotOvertakeAnOpenTransaction() throws Exception {
        String channel = Api.channel("interleave");
        publish(channel, "{\"data\":\"before\"}").then().statusCode(201);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (HeldPublishes held = HeldPublishes.install()) {
            HeldPublishes.Held writerA = held.hold("A");
            Uni<PublishOutcome> outcomeA = publishHeld(channel, "A");
            CompletableFuture<PublishOutcome> committedA = outcomeA.subscribeAsCompletionStage();
            int pidA = writerA.reached().get(10, TimeUnit.SECONDS);
            assertNothingAfterTheFirstEvent(channel);

            Future<Response> writerB = background.submit(() -> publish(channel, "{\"data\":\"B\"}"));
            waitUntilBlockedBy(pidA);
            assertThrows(TimeoutException.class, () -> writerB.get(300, TimeUnit.MILLISECONDS),
                    "B must wait for A's channel lock instead of taking a seq and committing first");
            if (!Transport.lambda()) {
                // The poller polls while B waits: still neither. (On the Lambda transport one execution environment
                // serves one request at a time, so a poll cannot overlap B's; there pg_stat_activity shows B waiting.)
                assertNothingAfterTheFirstEvent(channel);
            }

            writerA.release(false);
            long seqA = committedA.get(10, TimeUnit.SECONDS).events().get(0).seq();
            writerB.get(10, TimeUnit.SECONDS).then().statusCode(201).body("events.seq", contains((int) seqA + 1));
        } finally {
            background.shutdownNow();
        }
        poll(channel, "since=1").then().body("events.seq", contains(2, 3)).body("events.data", contains("A", "B"));
        poll(channel, "since=2").then().body("events.data", contains("B"));
    }

    @Test
    void aRolledBackWriterGivesItsSeqsBack() throws Exception {
        String channel = Api.channel("rollback");
        // The first request of a run can take seconds on a busy machine: not while A is held.
        poll(channel, "since=0").then().statusCode(200);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (HeldPublishes held = HeldPublishes.install()) {
            HeldPublishes.Held writerA = held.hold("A1");
            CompletableFuture<PublishOutcome> failedA = publishHeld(channel, "A1", "A2").subscribeAsCompletionStage();
            int pidA = writerA.reached().get(10, TimeUnit.SECONDS);
            Future<Response> writerB = background.submit(() -> publish(channel, "{\"data\":\"B\"}"));
            waitUntilBlockedBy(pidA);
            writerA.release(true);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> failedA.get(10, TimeUnit.SECONDS));
            assertInstanceOf(PgException.class, failure.getCause(), "A must fail with the error raised in its transaction");
            writerB.get(10, TimeUnit.SECONDS).then().statusCode(201).body("events.seq", contains(1));
        } finally {
            background.shutdownNow();
        }
        poll(channel, "since=0").then().body("events.seq", contains(1)).body("events.data", contains("B"));
    }

    /** A publish through the service's own write path, without a key, which {@link HeldPublishes} can hold. */
    private Uni<PublishOutcome> publishHeld(String channel, String... ids) {
        List<NewEvent> events = Stream.of(ids).map(id -> new NewEvent(NewEvent.DEFAULT_TYPE, '"' + id + '"')).toList();
        return service.publish(new ChannelName(channel), events, Optional.empty());
    }

    /** No seq is visible above an invisible one: the poller sees neither A nor B while A is open. */
    private static void assertNothingAfterTheFirstEvent(String channel) {
        poll(channel, "since=1").then().statusCode(200).body("events.size()", equalTo(0)).body("next", equalTo(1));
        poll(channel, "since=0").then().body("events.data", contains("before"));
    }

    /** Proves from PostgreSQL's side that the API's writer waits for A's transaction (not merely running slowly). */
    private void waitUntilBlockedBy(int pidA) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection observer = database.getConnection();
                PreparedStatement waiting = observer
                        .prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
            waiting.setInt(1, pidA);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("no writer is waiting for A's transaction (backend " + pidA + ")");
    }
}
