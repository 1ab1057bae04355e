package dev.pollfeed.kernel;

import java.util.Collection;
import java.util.List;

/** A set of {@link ChannelPattern}s; a channel is covered when any of them matches. */
public record ChannelPatterns(List<ChannelPattern> patterns) {

    public static final ChannelPatterns NONE = new ChannelPatterns(List.of());

    public ChannelPatterns {
        patterns = List.copyOf(patterns);
    }

    /** @throws IllegalArgumentException naming the first string that is not a pattern */
    public static ChannelPatterns parse(Collection<String> texts) {
        return new ChannelPatterns(texts.stream()
                .map(String::strip)
                .filter(text -> !text.isEmpty())
                .map(ChannelPattern::parse)
                .toList());
    }

    public boolean covers(ChannelName channel) {
        for (ChannelPattern pattern : patterns) {
            if (pattern.matches(channel)) {
                return true;
            }
        }
        return false;
    }

    public boolean coverEverything() {
        return patterns.stream().anyMatch(ChannelPattern::coversEverything);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
