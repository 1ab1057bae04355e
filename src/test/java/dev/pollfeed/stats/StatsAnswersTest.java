package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class StatsAnswersTest {

    @Test
    void aChannelAnswerIsKeptFromItsSecondAskWithinTheBound() {
        StatsAnswers answers = new StatsAnswers(Duration.ofMinutes(1));
        AtomicInteger reads = new AtomicInteger();
        for (int i = 1; i <= 4; i++) {
            byte[] body = answers.shared("channel a", () -> {
                reads.incrementAndGet();
                return Uni.createFrom().item(StatsAnswer.of(("read " + reads.get()).getBytes(StandardCharsets.UTF_8)));
            }).await().indefinitely().body();
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
            answers.shared("series a 1m", () -> {
                reads.incrementAndGet();
                return Uni.createFrom().item(StatsAnswer.of(new byte[]{1}));
            }).await().indefinitely();
        }
        assertEquals(3, reads.get());
    }
}
