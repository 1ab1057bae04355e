package dev.pollfeed.retention;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.config.RetentionConfig.ChannelRetention;

/** The deployment's retention defaults with per-prefix overrides; the longest matching prefix wins. */
@ApplicationScoped
class RetentionPolicies {

    private final RetentionPolicy defaults;
    private final Map<String, ChannelRetention> overrides;

    RetentionPolicies(PollfeedConfig config) {
        this.defaults = new RetentionPolicy(config.retention().maxAge(), config.retention().maxEvents());
        this.overrides = config.retention().channels();
    }

    public RetentionPolicy forChannel(String channel) {
        String best = null;
        for (String prefix : overrides.keySet()) {
            if (channel.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return defaults;
        }
        ChannelRetention override = overrides.get(best);
        return new RetentionPolicy(override.maxAge().orElse(defaults.maxAge()),
                override.maxEvents().orElse(defaults.maxEvents()));
    }

    /** The deployment's default policy; it also bounds how long stats counters are kept. */
    public RetentionPolicy defaults() {
        return defaults;
    }

    /** A policy at least as strict as every policy in force: the shortest age and the smallest count of them all. */
    public RetentionPolicy strictest() {
        Duration age = defaults.maxAge();
        long events = defaults.maxEvents();
        for (ChannelRetention override : overrides.values()) {
            if (override.maxAge().isPresent() && override.maxAge().get().compareTo(age) < 0) {
                age = override.maxAge().get();
            }
            if (override.maxEvents().isPresent() && override.maxEvents().getAsLong() < events) {
                events = override.maxEvents().getAsLong();
            }
        }
        return new RetentionPolicy(age, events);
    }
}
