package dev.pollfeed.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.polling} ({@link PollfeedConfig}). */
public interface PollingConfig {

    /**
     * Seconds a client should wait before its next poll, sent as the {@code Poll-Interval} header (at least 1).
     */
    @WithDefault("2")
    int intervalSeconds();

    /**
     * Longest {@code Poll-Interval} of a quiet channel, in seconds. A channel without events for
     * {@code quiet-after-seconds} gets twice the base interval, then twice that each time its quiet spell doubles,
     * up to this cap; its next event brings the base back. Equal to {@code interval-seconds}: adaptation off.
     * Delivery-delay and request figures per setting: bench/README.md (simulation).
     */
    @WithDefault("30")
    int maxIntervalSeconds();

    /** Seconds without an event after which a channel's {@code Poll-Interval} starts to stretch. */
    @WithDefault("60")
    int quietAfterSeconds();

    /**
     * Database reads of one kind (channel heads; events) running at once. Polls arriving meanwhile wait for one to
     * return and then share a single statement: fewer, larger statements when busy, no wait when quiet. One
     * measured best (docs/decisions/0002-shared-statements.md); a read stalled for 20 ms lets the next one go anyway.
     */
    @WithDefault("1")
    int sharedReadsInFlight();

    /** Channel heads, or events, in one shared read; a batch that large goes out without waiting. */
    @WithDefault("1000")
    int sharedReadBatch();

    /**
     * How old a channel head may be when this instance answers a caught-up poll from memory instead of the
     * database (docs/protocol.md, "Freshness"). Capped at {@code pollfeed.cache.partial-page-max-age-seconds}, what
     * a CDN may already serve a live page for; {@code 0s} reads every head from the database.
     */
    @WithDefault("1s")
    Duration headFreshness();

    /** Channel heads kept in memory for caught-up polls; the coldest are evicted beyond this. */
    @WithDefault("100000")
    int headCacheSize();

    /**
     * Bytes of pages that polls reading events may hold at once on one instance, each counted at the most its page
     * can take (its rows times the largest rendered event, at most its byte budget) from before its read until its
     * response ends. Polls beyond it wait (see {@code page-memory-waiters}), within their deadline, then get 503
     * with {@code Retry-After}; a poll always proceeds when none is reserved. Sized for the 96 MB heap of
     * bench/run (bench/README.md, Faults). {@code 0}: no bound.
     */
    @WithDefault("25165824")
    long pageMemoryBytes();

    /** Polls waiting for {@code page-memory-bytes} at once; beyond it they get 503 with {@code Retry-After}. */
    @WithDefault("1000")
    int pageMemoryWaiters();

    /**
     * Bytes of recent events kept in memory so that polls asking for them again are answered without the database:
     * a page that is full always, a partial one while the head held for its channel is fresh ({@code head-freshness};
     * docs/protocol.md §10.2). Each channel's run of latest events read takes at most an eighth; the least used channels
     * go first. An eighth of the bytes keeps multi-channel poll bodies with events by their ETag, written once for the polls that ask
     * for the same pages again. Sized for the 96 MB heap of bench/run beside {@code page-memory-bytes}
     * (docs/decisions/0015-recent-events-in-memory.md). {@code 0}: off, every page is read from the database.
     */
    @WithDefault("8388608")
    long recentEventsBytes();
}
