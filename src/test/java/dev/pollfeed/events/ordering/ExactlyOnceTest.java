package dev.pollfeed.events.ordering;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.pollfeed.events.repository.HeldPublishes;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.testing.Api;

/**
 * The randomized exactly-once check against pollfeed through its HTTP API and its own write path (late commits and
 * rollbacks are publishes held in {@link dev.pollfeed.events.repository.PublishRepository}'s transactions), and the same check against a naive
 * bigserial design, which must fail: otherwise the checker would not be exercising the race it claims to.
 */
@QuarkusTest
class ExactlyOnceTest {

    private static final Logger LOG = Logger.getLogger(ExactlyOnceTest.class);
    private static final long SEED = Long.getLong("pollfeed.test.seed", System.nanoTime());

    @Inject
    AgroalDataSource database;

    @Inject
    PublishService service;

    @Test
    void everyPollerSeesEveryCommittedEventOnceInOrder() throws Exception {
        List<String> channels = List.of(Api.channel("hot"), Api.channel("warm"), Api.channel("cool"));
        ExactlyOnceChecker.Result result;
        int mostOpen;
        try (HeldPublishes held = HeldPublishes.install()) {
            result = new ExactlyOnceChecker(new PollfeedEventLog(service, held), channels, SEED).run(8, 4, 4_000, 300,
                    30_000);
            mostOpen = held.mostOpenAtOnce();
        }
        LOG.infof("pollfeed (seed %d): %d committed and %d rolled-back events, %d polls, %d violations", SEED,
                result.committedEvents(), result.rolledBackEvents(), result.polls(), result.violations().size());
        LOG.infof("pollfeed: at most %d publish transactions open at once", mostOpen);
        assertTrue(mostOpen >= 2, "writes never overlapped: the run proves nothing about late commits");
        assertTrue(result.committedEvents() >= 300, "the run wrote too little to mean anything: " + result);
        assertTrue(result.rolledBackEvents() > 0, "the run must include rolled-back writes");
        assertTrue(result.violations().isEmpty(), "seed " + SEED + ": " + result.violations());
    }

    @Test
    void theSameCheckCatchesTheNaiveBigserialDesign() throws Exception {
        List<String> channels = List.of(Api.channel("naive-hot"), Api.channel("naive-warm"), Api.channel("naive-cool"));
        ExactlyOnceChecker.Result result = new ExactlyOnceChecker(new NaiveBigserialLog(database), channels, SEED)
                .run(8, 4, 3_000, 300, 30_000);
        LOG.infof("naive bigserial (seed %d): %d committed events, %d polls, %d violations, e.g. %s", SEED,
                result.committedEvents(), result.polls(), result.violations().size(),
                result.violations().isEmpty() ? "none" : result.violations().get(0));
        assertFalse(result.violations().isEmpty(), "the checker failed to catch late commits under id > since");
        assertTrue(result.violations().stream().anyMatch(v -> v.contains("never saw")),
                "the naive design must lose events: " + result.violations());
    }
}
