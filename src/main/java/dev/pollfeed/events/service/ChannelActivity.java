package dev.pollfeed.events.service;

import java.util.List;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.domain.PollIntervalPolicy;
import dev.pollfeed.kernel.ChannelName;

/**
 * When this instance last saw each channel's head move, fed by the head every poll reads anyway (no statement of its
 * own), and the {@code Poll-Interval} that {@link PollIntervalPolicy} derives from it. A head seen for the first time
 * counts as a move: an instance that knows nothing answers with the base interval until the channel has been quiet
 * long enough in its own eyes. Bounded like {@link HeadHints} (the most used channels kept); a channel forgotten
 * only gets shorter intervals. The answer depends on the heads read and the clock, not on the response, so a 304 carries the
 * interval its 200 would have carried.
 */
@ApplicationScoped
public class ChannelActivity {

    static final int MAX_CHANNELS = 100_000;

    private final Cache<String, Seen> channels = Caffeine.newBuilder().maximumSize(MAX_CHANNELS).build();
    private final PollIntervalPolicy policy;
    private final LongSupplier clock;

    @Inject
    ChannelActivity(PollfeedConfig config) {
        this(new PollIntervalPolicy(config.polling().intervalSeconds(), config.polling().maxIntervalSeconds(),
                config.polling().quietAfterSeconds()), System::currentTimeMillis);
    }

    ChannelActivity(PollIntervalPolicy policy, LongSupplier clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** A poll read this head of the channel. */
    public void saw(String channel, long head) {
        Seen known = channels.getIfPresent(channel);
        if (known != null && known.head == head) {
            return; // the common case on the poll path: nothing to write
        }
        channels.put(channel, new Seen(head, clock.getAsLong()));
    }

    /** The {@code Poll-Interval} of a poll of these channels, in seconds. */
    public int intervalSeconds(List<ChannelName> polled) {
        long now = clock.getAsLong();
        long[] quiet = new long[polled.size()];
        for (int i = 0; i < quiet.length; i++) {
            Seen seen = channels.getIfPresent(polled.get(i).value());
            quiet[i] = seen == null ? 0 : now - seen.at;
        }
        return policy.seconds(quiet);
    }

    /** Channels remembered, after pending evictions (tests of the bound). */
    long size() {
        channels.cleanUp();
        return channels.estimatedSize();
    }

    private record Seen(long head, long at) {
    }
}
