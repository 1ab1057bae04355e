package dev.pollfeed.events.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.pollfeed.events.repository.HeldPublishes;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.testing.Api;

/**
 * The randomized exactly-once check against pollfeed through its HTTP API and its own write path (late commits and
 * rollbacks are publishes held in {@link dev.pollfeed.events.repository.PublishRepository}'s transactions), and the
 * same check against a naive bigserial design, which must fail, every run: otherwise the checker would not be
 * exercising the race it claims to.
 */
@QuarkusTest
@TestProfile(HeldTransactions.class)
class ExactlyOnceTest {

    private static final Logger LOG = Logger.getLogger(ExactlyOnceTest.class);
    /** Forced late commits per run ({@link LateCommits}): a round takes a few tens of milliseconds. */
    private static final int LATE_ROUNDS = 20;
    private static final long SEED = Long.getLong("pollfeed.test.seed", System.nanoTime());

    @Inject
    AgroalDataSource database;

    @Inject
    PublishService service;

    @Inject
    PollService polls;

    @Test
    void everyPollerSeesEveryCommittedEventOnceInOrder() throws Exception {
        List<String> channels = List.of(Api.channel("hot"), Api.channel("warm"), Api.channel("cool"));
        List<String> late = List.of(Api.channel("overtaken"), Api.channel("overtaking"));
        ExactlyOnceChecker.Result result;
        int mostOpen;
        try (HeldPublishes held = HeldPublishes.install()) {
            result = new ExactlyOnceChecker(new PollfeedEventLog(service, polls, held, database), channels, late, SEED)
                    .run(8, 4, 4_000, 300, 30_000, LATE_ROUNDS);
            mostOpen = held.mostOpenAtOnce();
        }
        LOG.infof("pollfeed (seed %d): %d committed and %d rolled-back events, %d polls, %d violations", SEED,
                result.committedEvents(), result.rolledBackEvents(), result.polls(), result.violations().size());
        LOG.infof("pollfeed: %d late-commit rounds: B committed while A was open in %d, the next writer of A's channel"
                + " waited in %d and overtook in %d; at most %d publish transactions held open at once",
                result.late().rounds(), result.late().late(), result.late().waited(), result.late().overtaken(),
                mostOpen);
        assertTrue(result.violations().isEmpty(), "seed " + SEED + ": " + result.violations());
        assertEquals(LATE_ROUNDS, result.late().late(), "every run commits late: " + result.late().rounds());
        assertEquals(LATE_ROUNDS, result.late().waited(), "the channel's next writer must wait for the open publish");
        assertTrue(result.committedEvents() >= 300, "the run wrote too little to mean anything: " + result);
        assertTrue(result.rolledBackEvents() > 0, "the run must include rolled-back writes");
    }

    @Test
    void theSameCheckCatchesTheNaiveBigserialDesign() throws Exception {
        List<String> channels = List.of(Api.channel("naive-hot"), Api.channel("naive-warm"), Api.channel("naive-cool"));
        List<String> late = List.of(Api.channel("naive-overtaken"), Api.channel("naive-overtaking"));
        ExactlyOnceChecker.Result result = new ExactlyOnceChecker(new NaiveBigserialLog(database), channels, late, SEED)
                .run(8, 4, 3_000, 300, 30_000, LATE_ROUNDS);
        LOG.infof("naive bigserial (seed %d): %d committed events, %d polls, %d violations, e.g. %s", SEED,
                result.committedEvents(), result.polls(), result.violations().size(),
                result.violations().isEmpty() ? "none" : result.violations().get(0));
        // Deterministic: every round's prober moves its cursor past the open write, so it never sees that write.
        assertEquals(LATE_ROUNDS, result.late().overtaken(), "the naive design's next writer never waits");
        assertEquals(LATE_ROUNDS, result.late().late());
        String lost = "the late-commit prober on " + late.get(0) + ": never saw";
        assertTrue(result.violations().stream().anyMatch(v -> v.startsWith(lost)),
                "the checker failed to catch late commits under id > since: " + result.violations());
    }
}
