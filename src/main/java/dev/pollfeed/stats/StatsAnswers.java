package dev.pollfeed.stats;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;

/**
 * Stats bodies kept for the head-freshness bound (1 s by default, never more than the {@code max-age} a CDN may already
 * serve them for), so that a dashboard's stats cost one statement per bound and per instance however many
 * dashboards poll them; concurrent requests for the same answer wait for one read. The request's own authorization
 * is checked before, every time: a body does not depend on who asks.
 */
@ApplicationScoped
class StatsAnswers {

    /** Distinct answers held (a channel's stats, a series window, the deployment's). */
    static final int MAX_ANSWERS = 10_000;

    private final AsyncCache<String, byte[]> answers;
    private final boolean enabled;

    @Inject
    StatsAnswers(PollfeedConfig config) {
        this(freshness(config));
    }

    StatsAnswers(Duration freshness) {
        this.enabled = !freshness.isZero();
        this.answers = Caffeine.newBuilder()
                .maximumSize(MAX_ANSWERS)
                .expireAfterWrite(enabled ? freshness : Duration.ofMillis(1))
                .buildAsync();
    }

    private static Duration freshness(PollfeedConfig config) {
        Duration cdn = Duration.ofSeconds(config.cache().partialPageMaxAgeSeconds());
        Duration wanted = config.polling().headFreshness();
        return wanted.isNegative() ? Duration.ZERO : wanted.compareTo(cdn) > 0 ? cdn : wanted;
    }

    /** The body under {@code key}: read by {@code read} at most once per bound. */
    Uni<byte[]> get(String key, Supplier<Uni<byte[]>> read) {
        if (!enabled) {
            return read.get();
        }
        return Uni.createFrom()
                .completionStage(() -> answers.get(key, (ignored, executor) -> read.get().subscribeAsCompletionStage()));
    }
}
