package dev.pollfeed.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.limits} ({@link PollfeedConfig}). */
public interface LimitsConfig {

    /**
     * Largest {@code data} value of one event, in bytes of UTF-8 JSON text as received, each number counted at its
     * length written out as PostgreSQL returns it ({@code 1e100000}: 100001). Larger events get 413.
     */
    @WithDefault("65536")
    int maxEventDataBytes();

    /**
     * Largest request body, in bytes. Larger bodies get 413. (API Gateway caps Lambda payloads at 6 MB.)
     */
    @WithDefault("1048576")
    int maxRequestBytes();

    /**
     * Byte budget of one poll answer (all channels of a multi-channel poll together): a page ends early, with
     * {@code more: true}, before the event that would take the body past it, and holds at least one event. The
     * default leaves room for Lambda's 6 MB response limit after API Gateway's JSON escaping, which at worst doubles
     * a body (docs/protocol.md, Limits).
     */
    @WithDefault("2097152")
    int maxResponseBytes();

    /**
     * Longest time a request body may take to arrive, from the request's headers: a body still incomplete then
     * gets 408 and its connection is closed, so a client trickling a body a byte at a time holds a connection
     * and its buffer for this long at most (docs/deploy.md, Slow clients).
     */
    @WithDefault("10s")
    Duration bodyDeadline();
}
