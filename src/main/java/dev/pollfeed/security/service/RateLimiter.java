package dev.pollfeed.security.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.security.domain.Caller;

/**
 * Per-key token buckets in this process: {@code rate} requests per second, bursts of {@code rate}. Meaningful on a
 * server; on Lambda each instance would count alone, so the Lambda defaults turn it off and API Gateway throttles.
 */
@ApplicationScoped
class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int defaultRate;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(PollfeedConfig config) {
        this.defaultRate = config.security().rateLimit().perSecond();
    }

    /** @throws dev.pollfeed.kernel.Refusal rate-limited, with the seconds to wait, when the caller's key is over its rate */
    public void check(Caller caller) {
        if (defaultRate <= 0 || !caller.isKey()) {
            return;
        }
        int rate = caller.ratePerSecond() > 0 ? caller.ratePerSecond() : defaultRate;
        Bucket bucket = buckets.computeIfAbsent(caller.id(), id -> new Bucket(rate));
        long waitNanos = bucket.take(rate, System.nanoTime());
        if (waitNanos > 0) {
            throw AccessProblems.rateLimited(Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND));
        }
    }

    /** Tokens are kept in nanoseconds' worth of rate, so refills need no floating point. */
    private static final class Bucket {

        private long available;
        private long updated;

        Bucket(int rate) {
            this.available = (long) rate * NANOS_PER_SECOND;
            this.updated = System.nanoTime();
        }

        /** Takes one request; returns 0 when granted, otherwise nanoseconds until one would be. */
        synchronized long take(int rate, long now) {
            long capacity = (long) rate * NANOS_PER_SECOND;
            // A full second refills any bucket, so longer idle times are clamped (no overflow after days of silence).
            available = Math.min(capacity, available + Math.min(now - updated, NANOS_PER_SECOND) * rate);
            updated = now;
            if (available >= NANOS_PER_SECOND) {
                available -= NANOS_PER_SECOND;
                return 0;
            }
            return (NANOS_PER_SECOND - available) / rate;
        }
    }
}
