package dev.pollfeed.observability;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * What pollfeed counts, in the application rather than at the HTTP server, so that requests arriving through the
 * Lambda event server count too. Exposed at {@code /q/metrics} (Prometheus) by the server build; the Lambda build has
 * no registry, and Micrometer's global registry then drops the measurements at no cost.
 */
@ApplicationScoped
public class PollfeedMetrics {

    /** How a poll was answered. */
    public enum PollOutcome {

        EVENTS("events"), EMPTY("empty"), NOT_MODIFIED("not_modified");

        final String tag;

        PollOutcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Timer publishLatency;
    private final Counter eventsPublished;
    private final Counter created;
    private final Counter replayed;
    /** Indexed by [outcome][multi ? 1 : 0]: resolved once, so a poll does no registry lookup. */
    private final Counter[][] polls;

    PollfeedMetrics(Instance<MeterRegistry> registries) {
        this.registry = registries.isResolvable() ? registries.get() : Metrics.globalRegistry;
        this.publishLatency = Timer.builder("pollfeed.publish.latency")
                .description("Time to store a publish request, from parsed body to committed transaction")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
        this.eventsPublished = Counter.builder("pollfeed.events.published")
                .description("Events stored (replays not counted)")
                .register(registry);
        this.created = registry.counter("pollfeed.publishes", "outcome", "created");
        this.replayed = registry.counter("pollfeed.publishes", "outcome", "replayed");
        PollOutcome[] outcomes = PollOutcome.values();
        this.polls = new Counter[outcomes.length][2];
        for (PollOutcome outcome : outcomes) {
            polls[outcome.ordinal()][0] = registry.counter("pollfeed.polls", "outcome", outcome.tag, "endpoint", "single");
            polls[outcome.ordinal()][1] = registry.counter("pollfeed.polls", "outcome", outcome.tag, "endpoint", "multi");
        }
    }

    /** A poll answered; {@code multi} for the multi-channel endpoint. */
    public void poll(PollOutcome outcome, boolean multi) {
        polls[outcome.ordinal()][multi ? 1 : 0].increment();
    }

    public void published(int events, boolean replayed, Duration took) {
        (replayed ? this.replayed : created).increment();
        if (!replayed) {
            eventsPublished.increment(events);
        }
        publishLatency.record(took);
    }

    /** A request turned away with a 4xx problem document. */
    public void rejected(int status, String problemType) {
        registry.counter("pollfeed.rejected", "status", Integer.toString(status), "type", problemType).increment();
    }
}
