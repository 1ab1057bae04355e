package dev.pollfeed.events.domain;

/**
 * The {@code Poll-Interval} of a channel from how long it has been quiet: a channel written within the last
 * {@code quietAfter} seconds keeps the base interval; after that the interval doubles each time the quiet spell doubles
 * (2x base once quiet for quietAfter, 4x for 2 x quietAfter, ...) up to the cap. The first event after a quiet spell
 * makes the channel busy again, so the poll that reads it is answered with the base interval. Several channels polled
 * together get the shortest of their intervals. Pure arithmetic: the simulation in bench/simulate drives this class.
 */
public final class PollIntervalPolicy {

    private final int baseSeconds;
    private final int capSeconds;
    private final long quietAfterMillis;

    /**
     * @param baseSeconds the interval of a busy channel (at least 1)
     * @param capSeconds the longest interval; at most the base turns adaptation off
     * @param quietAfterSeconds how long a channel must go without an event before its interval starts to grow
     */
    public PollIntervalPolicy(int baseSeconds, int capSeconds, int quietAfterSeconds) {
        this.baseSeconds = Math.max(1, baseSeconds);
        this.capSeconds = Math.max(this.baseSeconds, capSeconds);
        this.quietAfterMillis = Math.max(1, quietAfterSeconds) * 1000L;
    }

    public int baseSeconds() {
        return baseSeconds;
    }

    public int capSeconds() {
        return capSeconds;
    }

    /** The interval of a channel whose last event (or first sight) was {@code quietMillis} ago. */
    public int seconds(long quietMillis) {
        if (quietMillis < quietAfterMillis || capSeconds == baseSeconds) {
            return baseSeconds;
        }
        long interval = baseSeconds;
        for (long quietFor = quietAfterMillis; quietFor <= quietMillis && interval < capSeconds; quietFor *= 2) {
            interval *= 2;
        }
        return (int) Math.min(capSeconds, interval);
    }

    /** The interval of a poll of several channels: the shortest, so that no channel is read late. */
    public int seconds(long[] quietMillis) {
        int shortest = capSeconds;
        for (long quiet : quietMillis) {
            shortest = Math.min(shortest, seconds(quiet));
        }
        return shortest;
    }
}
