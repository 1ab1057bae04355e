package dev.pollfeed.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

class SharedStatementsTest {

    private final Vertx vertx = Vertx.vertx();
    /** Every statement the reads sent, with the items it carried; each completes when the test says so. */
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private record Sent(List<Integer> items, CompletableFuture<List<String>> answer) {
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Batching under test: no read counts as stalled, however slow the machine running the test is. */
    private SharedStatements<Integer, String> reads(int inFlight, int maxWeight) {
        return reads(inFlight, maxWeight, Duration.ofMinutes(10));
    }

    private SharedStatements<Integer, String> reads(int inFlight, int maxWeight, Duration stall) {
        Function<List<Integer>, Uni<List<String>>> read = items -> {
            CompletableFuture<List<String>> answer = new CompletableFuture<>();
            sent.add(new Sent(List.copyOf(items), answer));
            return Uni.createFrom().completionStage(answer);
        };
        return new SharedStatements<>(vertx, inFlight, maxWeight, item -> 1, read, stall);
    }

    private static List<String> answers(List<Integer> items) {
        return items.stream().map(item -> "answer-" + item).toList();
    }

    private static CompletableFuture<List<String>> ask(SharedStatements<Integer, String> reads, Integer... items) {
        return reads.run(List.of(items)).subscribeAsCompletionStage();
    }

    @Test
    void aQuietServerSendsEachReadAtOnce() throws Exception {
        SharedStatements<Integer, String> reads = reads(1, 1000);
        CompletableFuture<List<String>> first = ask(reads, 1);
        assertEquals(1, sent.size());
        sent.get(0).answer().complete(answers(sent.get(0).items()));
        assertEquals(List.of("answer-1"), first.get(5, TimeUnit.SECONDS));
        CompletableFuture<List<String>> second = ask(reads, 2, 3);
        assertEquals(2, sent.size(), "nothing in flight: no waiting");
        sent.get(1).answer().complete(answers(sent.get(1).items()));
        assertEquals(List.of("answer-2", "answer-3"), second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void readsArrivingWhileOneRunsShareTheNextStatementAndEachGetsItsOwnAnswers() throws Exception {
        SharedStatements<Integer, String> reads = reads(1, 1000);
        CompletableFuture<List<String>> first = ask(reads, 0);
        List<CompletableFuture<List<String>>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(ask(reads, i * 10, i * 10 + 1));
        }
        assertEquals(1, sent.size(), "the others wait for the running statement");
        sent.get(0).answer().complete(answers(sent.get(0).items()));
        assertEquals(List.of("answer-0"), first.get(5, TimeUnit.SECONDS));
        assertEquals(2, sent.size());
        assertEquals(List.of(10, 11, 20, 21, 30, 31, 40, 41, 50, 51), sent.get(1).items(), "one statement, in order");
        sent.get(1).answer().complete(answers(sent.get(1).items()));
        for (int i = 1; i <= 5; i++) {
            assertEquals(List.of("answer-" + i * 10, "answer-" + (i * 10 + 1)), waiting.get(i - 1).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFullBatchGoesWithoutWaiting() {
        SharedStatements<Integer, String> reads = reads(1, 4);
        ask(reads, 0);
        ask(reads, 1, 2);
        assertEquals(1, sent.size());
        ask(reads, 3, 4);
        assertEquals(2, sent.size(), "4 items waiting: sent beside the running statement");
        assertEquals(List.of(1, 2, 3, 4), sent.get(1).items());
    }

    @Test
    void aFailedStatementFailsEveryReadInItAndTheNextStillGoes() throws Exception {
        SharedStatements<Integer, String> reads = reads(1, 1000);
        ask(reads, 0);
        CompletableFuture<List<String>> a = ask(reads, 1);
        CompletableFuture<List<String>> b = ask(reads, 2);
        sent.get(0).answer().complete(answers(sent.get(0).items()));
        sent.get(1).answer().completeExceptionally(new IllegalStateException("connection lost"));
        for (CompletableFuture<List<String>> failed : List.of(a, b)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> failed.get(5, TimeUnit.SECONDS));
            assertEquals("connection lost", e.getCause().getMessage());
        }
        CompletableFuture<List<String>> after = ask(reads, 3);
        assertEquals(3, sent.size(), "nothing left in flight after the failure");
        sent.get(2).answer().complete(answers(sent.get(2).items()));
        assertEquals(List.of("answer-3"), after.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aReadAnsweringTheWrongNumberOfItemsFailsItsRequestsInsteadOfLeavingThemWaiting() {
        SharedStatements<Integer, String> reads = reads(1, 1000);
        ask(reads, 0);
        CompletableFuture<List<String>> a = ask(reads, 1);
        CompletableFuture<List<String>> b = ask(reads, 2);
        sent.get(0).answer().complete(answers(sent.get(0).items()));
        sent.get(1).answer().complete(List.of("only one"));
        for (CompletableFuture<List<String>> failed : List.of(a, b)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("1 items for 2"), e.getCause().getMessage());
        }
    }

    @Test
    void aStalledStatementDoesNotHoldTheOthersForLong() throws Exception {
        Duration stall = Duration.ofMillis(200);
        SharedStatements<Integer, String> reads = reads(1, 1000, stall);
        ask(reads, 0); // never answered
        long started = System.nanoTime();
        CompletableFuture<List<String>> waiting = ask(reads, 1);
        CompletableFuture<List<String>> alsoWaiting = ask(reads, 2);
        assertEquals(1, sent.size(), "at first they wait for the running statement");
        await(() -> sent.size() == 2, "the waiting reads sent beside the stalled one");
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(2, sent.size(), "the waiting reads went out beside the stalled one");
        assertEquals(List.of(1, 2), sent.get(1).items());
        assertTrue(waited >= stall.toMillis() - 20 && waited < 5000, "went after " + waited + " ms");
        sent.get(1).answer().complete(answers(sent.get(1).items()));
        assertEquals(List.of("answer-1"), waiting.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("answer-2"), alsoWaiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void answersArriveOnTheContextOfTheirOwnRequest() throws Exception {
        SharedStatements<Integer, String> reads = reads(1, 1000);
        List<CompletableFuture<Context>> answeredOn = new ArrayList<>();
        List<Context> askedOn = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Context context = vertx.getOrCreateContext();
            askedOn.add(context);
            CompletableFuture<Context> where = new CompletableFuture<>();
            answeredOn.add(where);
            int item = i;
            context.runOnContext(ignored -> reads.run(List.of(item))
                    .subscribe()
                    .with(answer -> where.complete(Vertx.currentContext()), where::completeExceptionally));
        }
        await(() -> sent.size() == 1 && reads.waiting() == 3, "one statement out and three requests waiting");
        sent.get(0).answer().complete(answers(sent.get(0).items()));
        await(() -> sent.size() == 2, "the waiting three sent together");
        sent.get(1).answer().complete(answers(sent.get(1).items()));
        for (int i = 0; i < 4; i++) {
            assertSame(askedOn.get(i), answeredOn.get(i).get(5, TimeUnit.SECONDS));
        }
    }

    /** Waits for a condition with a deadline instead of sleeping for a guessed time. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 5 s: " + what);
            Thread.sleep(1);
        }
    }
}
