package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

class StatsAnswersTest {

    @Test
    void aChannelAnswerIsKeptFromItsSecondAskWithinTheBound() {
        StatsAnswers answers = new StatsAnswers(Duration.ofMinutes(1));
        AtomicInteger reads = new AtomicInteger();
        for (int i = 1; i <= 4; i++) {
            byte[] body = ask(answers, "channel a", () -> {
                reads.incrementAndGet();
                return StatsAnswer.of(("read " + reads.get()).getBytes(StandardCharsets.UTF_8));
            }).body();
            // Asks 1 and 2 read; the second read is kept and answers asks 3 and 4.
            assertArrayEquals(("read " + Math.min(i, 2)).getBytes(StandardCharsets.UTF_8), body);
        }
        assertEquals(2, reads.get());
    }

    @Test
    void withoutABoundEveryAskReads() {
        StatsAnswers answers = new StatsAnswers(Duration.ZERO);
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            ask(answers, "series a 1m", () -> {
                reads.incrementAndGet();
                return StatsAnswer.of(new byte[]{1});
            });
        }
        assertEquals(3, reads.get());
    }

    /**
     * The deployment's answer is shared by the requests that ask while it is read: one of them going away (its client
     * disconnected, its deadline passed) must not cancel it for the others, who got a 500 for it.
     */
    @Test
    void aRequestThatGoesAwayDoesNotCancelTheSharedRead() {
        StatsAnswers answers = new StatsAnswers(Duration.ofMinutes(1));
        CompletableFuture<StatsAnswer> read = new CompletableFuture<>();
        Supplier<Uni<StatsAnswer>> reader = () -> Uni.createFrom().completionStage(read);
        UniAssertSubscriber<StatsAnswer> leaving = answers.get("deployment", reader)
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<StatsAnswer> staying = answers.get("deployment", reader)
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        leaving.cancel();
        StatsAnswer answer = StatsAnswer.of(new byte[]{42});
        read.complete(answer);
        assertEquals(answer, staying.awaitItem().getItem());
        assertEquals(answer, answers.get("deployment", reader).await().atMost(Duration.ofSeconds(5)));
    }

    /** What ChannelStatsRoute does with the answers: the kept one, or a read, kept when worth it. */
    private static StatsAnswer ask(StatsAnswers answers, String key, Supplier<StatsAnswer> read) {
        StatsAnswer kept = answers.kept(key);
        if (kept != null) {
            return kept;
        }
        boolean keep = answers.keeps(key);
        StatsAnswer answer = read.get();
        if (keep) {
            answers.keep(key, answer);
        }
        return answer;
    }
}
