package dev.pollfeed.stats;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

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
 * the common pool, cost the event loop more than the lookup saved (bench/README.md, "Channel stats at scale"). For
 * the same reason an answer is kept only from its second request within the bound ({@link RecentAsks}), and the cache
 * is bounded in bytes. Concurrent misses of one channel share a statement anyway (SharedStatements).
 */
@Singleton
class StatsAnswers {

    /** Distinct deployment answers held. */
    static final int MAX_ANSWERS = 10_000;

    /**
     * Bytes of channel stats and series bodies held (with their keys): ~1,000 series of an hour by minute or ~15,000
     * channel stats. Counted in bytes, not answers: 10,000 answers of up to 80 KB (a 1,440-point series) do not fit a
     * 96 MB heap, and 10,000 hour series (~35 MB) churned by random channels cost full collections of ~70 ms
     * (bench/README.md, "Stats at scale, 2026-12-03 night").
     */
    static final long MAX_CHANNEL_ANSWER_BYTES = 4L << 20;

    private final AsyncCache<String, StatsAnswer> answers;
    private final Cache<String, StatsAnswer> channelAnswers;
    private final RecentAsks asked;
    private final boolean enabled;

    @Inject
    StatsAnswers(PollfeedConfig config) {
        this(freshness(config));
    }

    StatsAnswers(Duration freshness) {
        this.enabled = !freshness.isZero();
        this.asked = new RecentAsks(freshness.toMillis());
        this.answers = Caffeine.newBuilder()
                .maximumSize(MAX_ANSWERS)
                .expireAfterWrite(enabled ? freshness : Duration.ofMillis(1))
                .buildAsync();
        this.channelAnswers = Caffeine.newBuilder()
                .maximumWeight(MAX_CHANNEL_ANSWER_BYTES)
                .weigher((String key, StatsAnswer answer) -> 128 + 2 * key.length() + answer.body().length)
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
    Uni<StatsAnswer> get(String key, Supplier<Uni<StatsAnswer>> read) {
        if (!enabled) {
            return read.get();
        }
        // A copy per asker: Mutiny cancels the stage of a cancelled subscription (a client gone, a deadline passed),
        // and the read is shared by everyone asking meanwhile.
        return Uni.createFrom()
                .completionStage(
                        () -> answers.get(key, (ignored, executor) -> read.get().subscribeAsCompletionStage()).copy());
    }

    /** The answer kept under {@code key} for the bound, or null: then read it, as a concurrent miss of it may. */
    StatsAnswer kept(String key) {
        return enabled ? channelAnswers.getIfPresent(key) : null;
    }

    /**
     * Whether the answer about to be read for {@code key} is worth keeping: asked before within the bound
     * ({@link RecentAsks}). Counts this ask.
     */
    boolean keeps(String key) {
        return enabled && asked.askedBefore(key, System.currentTimeMillis());
    }

    /** Keeps {@code answer} under {@code key} for the bound. */
    void keep(String key, StatsAnswer answer) {
        channelAnswers.put(key, answer);
    }
}
