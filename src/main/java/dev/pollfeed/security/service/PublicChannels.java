package dev.pollfeed.security.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.kernel.ChannelPatterns;

/** The channels anyone may read ({@code public-read}) or publish to ({@code public-publish}) without credentials. */
@ApplicationScoped
class PublicChannels {

    private final ChannelPatterns read;
    private final ChannelPatterns publish;

    PublicChannels(PollfeedConfig config) {
        this.read = parse("pollfeed.security.public-read", config.security().publicRead().orElse(List.of()));
        this.publish = parse("pollfeed.security.public-publish", config.security().publicPublish().orElse(List.of()));
    }

    public ChannelPatterns read() {
        return read;
    }

    public ChannelPatterns publish() {
        return publish;
    }

    private static ChannelPatterns parse(String setting, List<String> patterns) {
        try {
            return ChannelPatterns.parse(patterns);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + ": " + e.getMessage(), e);
        }
    }
}
