package dev.pollfeed.security.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Refused credentials counted per source in a fixed window from the source's first failure, in a bounded cache: past
 * {@code max} failures the source waits for the window to end. Memory is bounded by {@code maxSources} however many
 * addresses send, and a source evicted early only gets its attempts back sooner.
 */
final class SourceFailures {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Only literals reach InetAddress, which would otherwise resolve a host name. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final int max;
    private final long windowNanos;
    private final Cache<String, Window> windows;

    SourceFailures(int max, Duration window, int maxSources) {
        this.max = max;
        this.windowNanos = window.toNanos();
        this.windows = Caffeine.newBuilder().maximumSize(maxSources).expireAfterWrite(window).build();
    }

    private record Window(long startedNanos, AtomicInteger failures) {
    }

    /** Seconds until the source may try again (0: it may now). */
    long retryAfterSeconds(String source) {
        Window window = windows.getIfPresent(source);
        if (window == null || window.failures().get() < max) {
            return 0;
        }
        long left = window.startedNanos() + windowNanos - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, (left + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    void failed(String source) {
        windows.get(source, ignored -> new Window(System.nanoTime(), new AtomicInteger())).failures().incrementAndGet();
    }

    long sources() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    /** An address as a source: IPv4 as is, IPv6 by its /64 (one subscriber's prefix), without any DNS lookup. */
    static String of(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
