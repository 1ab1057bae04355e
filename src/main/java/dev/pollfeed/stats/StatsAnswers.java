package dev.pollfeed.stats;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;

/**
 * Stats bodies kept for the head-freshness bound (1 s by default, never more than the {@code max-age} a CDN may already
 * serve them for), so that a dashboard's stats cost one statement per bound and per instance however many
 * dashboards poll them. The request's own authorization is checked before, every time: a body does not depend on
 * who asks.
 * <p>
 * Channel stats and series are kept in a plain cache, maintained on the caller's thread: nearly every such request
 * names a channel nobody asked for a moment before, and an async cache's future per miss, with maintenance handed to
 * the common pool, cost the event loop more than the lookup saved (bench/README.md, "Channel stats at scale").
 * Concurrent misses of one channel share a statement anyway (SharedStatements).
 */
@ApplicationScoped
class StatsAnswers {

    /** Distinct answers held (a channel's stats, a series window, the deployment's). */
    static final int MAX_ANSWERS = 10_000;

    private final AsyncCache<String, byte[]> answers;
    private final Cache<String, byte[]> channelAnswers;
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
        this.channelAnswers = Caffeine.newBuilder()
                .maximumSize(MAX_ANSWERS)
                .expireAfterWrite(enabled ? freshness : Duration.ofMillis(1))
                .executor(Runnable::run)
                .build();
    }

    private static Duration freshness(PollfeedConfig config) {
        Duration cdn = Duration.ofSeconds(config.cache().partialPageMaxAgeSeconds());
        Duration wanted = config.polling().headFreshness();
        return wanted.isNegative() ? Duration.ZERO : wanted.compareTo(cdn) > 0 ? cdn : wanted;
    }

    /** The body under {@code key}: read by {@code read} at most once per bound (the deployment's, not shared). */
    Uni<byte[]> get(String key, Supplier<Uni<byte[]>> read) {
        if (!enabled) {
            return read.get();
        }
        return Uni.createFrom()
                .completionStage(() -> answers.get(key, (ignored, executor) -> read.get().subscribeAsCompletionStage()));
    }

    /** The body under {@code key}, kept for the bound; a miss reads, as a concurrent miss of it may (shared reads). */
    Uni<byte[]> shared(String key, Supplier<Uni<byte[]>> read) {
        if (!enabled) {
            return read.get();
        }
        byte[] kept = channelAnswers.getIfPresent(key);
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        return read.get().invoke(body -> channelAnswers.put(key, body));
    }
}
