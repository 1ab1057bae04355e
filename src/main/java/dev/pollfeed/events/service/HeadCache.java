package dev.pollfeed.events.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.repository.HeadChangesRepository;
import dev.pollfeed.events.repository.HeadChangesRepository.Changes;

/**
 * Channel heads in memory, so that a caught-up poll is answered without the database, from a head never older than
 * the freshness bound (docs/protocol.md, "Freshness"). A head is known as of a moment: when the read that returned it
 * was sent (its snapshot is later), or when the publish that moved it was sent. Heads only grow, so of two things
 * known about a channel the higher head and the later moment hold together.
 * <p>
 * Heads stay fresh by a chain of refreshes, one statement each ({@link HeadChangesRepository}) and at most two per
 * bound, whatever the poll rate: a refresh applies every head moved since the previous one, so a head verified after
 * the chain began is known as of the latest refresh. Refreshes are started by polls that find the chain older than
 * half the bound (nothing runs while idle: on Lambda a frozen instance checks on arrival), and a poll that finds it
 * older than the bound waits for one. Times are the wall clock, which a thawed Lambda environment has caught up; a
 * monotonic clock need not count the time an environment spent frozen.
 * <p>
 * Bounded: Caffeine keeps the most used {@code head-cache-size} channels, and forgets any head not verified for
 * {@link #LIFETIME}, which also bounds how late a publish whose commit took longer than a minute can be seen.
 */
@ApplicationScoped
public class HeadCache {

    /**
     * How long a head stays without being read again: one re-read per channel and lifetime (a one-minute lifetime
     * re-read all 300 channels of LambdaArtifactIT's stream, 0.06 statements per caught-up poll), and the bound for a
     * publish whose commit took over a minute.
     */
    static final Duration LIFETIME = Duration.ofMinutes(5);
    /** Refreshes further apart than this begin a new chain (a refresh reads at least the minutes in between). */
    static final long MAX_GAP_MILLIS = Duration.ofSeconds(50).toMillis();

    /** What a poll should do with a channel. */
    public enum Use {
        /** The channel's head equals the cursor and is fresh: the poll is caught up. */
        MEMORY,
        /** The head equals the cursor but needs the refresh that is coming to be fresh again. */
        AFTER_REFRESH,
        /** Unknown, behind or beyond the cursor, or too old: read the database. */
        DATABASE
    }

    /**
     * Every event after {@code head} committed after {@code at}; in the cache since {@code stored}, so every refresh
     * sent later applied its changes to it.
     */
    private record Known(long head, long at, long stored) {
    }

    /**
     * A run of refreshes without a gap, the latest sent at {@code covered}: a head stored in the cache after the chain
     * began and before that refresh was sent is known as of {@code covered}.
     */
    private record Chain(long start, long covered, OffsetDateTime nextSince) {
    }

    private final Cache<String, Known> heads;
    private final Function<OffsetDateTime, Uni<Changes>> changes;
    private final long boundMillis;
    private final long refreshAfterMillis;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private volatile Chain chain;
    /** When the latest refresh failed: the next waits half a bound, so a failing statement is not sent per poll. */
    private volatile long failedAt = Long.MIN_VALUE / 2;
    /** Guarded by {@code lock}: the refresh under way. */
    private CompletableFuture<Void> refreshing;

    @Inject
    HeadCache(HeadChangesRepository changes, PollfeedConfig config) {
        this(changes::since, bound(config), config.polling().headCacheSize(), System::currentTimeMillis);
    }

    /** @param changes the heads written since a minute of the database's clock ({@link HeadChangesRepository}) */
    HeadCache(Function<OffsetDateTime, Uni<Changes>> changes, Duration bound, int size, LongSupplier clock) {
        this.changes = changes;
        this.boundMillis = bound.toMillis();
        this.refreshAfterMillis = boundMillis / 2;
        this.clock = clock;
        this.heads = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(LIFETIME).build();
    }

    /** The configured bound, capped at what a CDN may already serve a live page for. */
    static Duration bound(PollfeedConfig config) {
        Duration cdn = Duration.ofSeconds(config.cache().partialPageMaxAgeSeconds());
        Duration wanted = config.polling().headFreshness();
        return wanted.compareTo(cdn) > 0 ? cdn : wanted.isNegative() ? Duration.ZERO : wanted;
    }

    /** The moment to pass to {@link #saw}: taken before the read or publish is sent. */
    public long now() {
        return clock.getAsLong();
    }

    /** How a poll with cursor {@code since} on {@code channel} can be answered. */
    public Use use(String channel, long since) {
        if (boundMillis == 0) {
            return Use.DATABASE;
        }
        Known known = heads.getIfPresent(channel);
        if (known == null || known.head() != since) {
            return Use.DATABASE;
        }
        return freshness(known);
    }

    /**
     * The head held for {@code channel} and whether it is fresh within the bound ({@link Use#MEMORY}), will be after
     * the coming refresh, or is not; null when none is held. Heads only grow, so even a stale one is a lower bound.
     */
    public Held held(String channel) {
        if (boundMillis == 0) {
            return null;
        }
        Known known = heads.getIfPresent(channel);
        return known == null ? null : new Held(known.head(), freshness(known));
    }

    /** A head held in memory and how fresh it is. */
    public record Held(long head, Use use) {
    }

    private Use freshness(Known known) {
        // Only a poll memory may answer starts a refresh: one that reads the database anyway needs none beside it.
        long now = clock.getAsLong();
        Chain current = chain;
        if ((current == null || now - current.covered() > refreshAfterMillis) && now - failedAt > refreshAfterMillis) {
            refresh();
        }
        boolean covered = current != null && known.stored() > current.start() && known.stored() < current.covered();
        long at = covered ? Math.max(known.at(), current.covered()) : known.at();
        long age = now - at;
        if (age >= 0 && age <= boundMillis) {
            return Use.MEMORY;
        }
        // Waiting helps a head the chain covers, or one stored since its latest refresh was sent (the next covers it).
        boolean coverable = current != null && known.stored() > current.start();
        return coverable && age >= 0 ? Use.AFTER_REFRESH : Use.DATABASE;
    }

    /** Completes (on the caller's Vert.x context) when a refresh started now or earlier has ended. */
    public Uni<Void> refreshed() {
        CompletableFuture<Void> done = refresh();
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> done.whenComplete((ignored, failure) -> {
            if (context == null) {
                emitter.complete(null);
            } else {
                context.runOnContext(nothing -> emitter.complete(null));
            }
        }));
    }

    /** A head read from the database, or set by a publish of this instance, as of {@code at} ({@link #now()}). */
    public void saw(String channel, long head, long at) {
        if (boundMillis > 0) {
            Chain current = chain;
            long chainStart = current == null ? Long.MAX_VALUE : current.start();
            heads.asMap().merge(channel, new Known(head, at, clock.getAsLong()), (known, news) -> {
                Known merged = latest(known, news);
                // Held since before this chain began, so no refresh of it vouches for the head: from now on one will.
                return known.stored() > chainStart ? merged : new Known(merged.head(), merged.at(), news.stored());
            });
        }
    }

    /** A head this instance's publish set: only kept for channels polled here, so publishes do not evict them. */
    public void published(String channel, long head, long at) {
        if (boundMillis > 0) {
            heads.asMap().computeIfPresent(channel, (name, known) -> latest(known, new Known(head, at, 0)));
        }
    }

    /** What both say (heads only grow), in the cache since the first was stored. */
    private static Known latest(Known known, Known news) {
        if (known.head() >= news.head() && known.at() >= news.at()) {
            return known;
        }
        return new Known(Math.max(known.head(), news.head()), Math.max(known.at(), news.at()), known.stored());
    }

    /** Heads held now (for tests of the bound on memory). */
    long size() {
        heads.cleanUp();
        return heads.estimatedSize();
    }

    private CompletableFuture<Void> refresh() {
        CompletableFuture<Void> done;
        synchronized (lock) {
            if (refreshing != null) {
                return refreshing;
            }
            done = refreshing = new CompletableFuture<>();
        }
        Chain previous = chain;
        long sent = clock.getAsLong();
        boolean continues = previous != null && sent - previous.covered() <= MAX_GAP_MILLIS;
        Uni<Changes> read;
        try {
            read = changes.apply(continues ? previous.nextSince() : null);
        } catch (RuntimeException e) {
            read = Uni.createFrom().failure(e);
        }
        read.subscribe().with(found -> {
            if (continues) {
                apply(found, sent);
                chain = new Chain(previous.start(), sent, found.nextSince());
            } else {
                // The first of a chain only says where the next begins; heads verified from now on are covered.
                chain = new Chain(clock.getAsLong(), sent, found.nextSince());
            }
            finish(done);
        }, failure -> {
            chain = null;
            failedAt = clock.getAsLong();
            finish(done);
        });
        return done;
    }

    private void apply(Changes found, long sent) {
        for (int i = 0; i < found.channels().length; i++) {
            published(found.channels()[i], found.heads()[i], sent);
        }
    }

    private void finish(CompletableFuture<Void> done) {
        synchronized (lock) {
            refreshing = null;
        }
        done.complete(null);
    }
}
