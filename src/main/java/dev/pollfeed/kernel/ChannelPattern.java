package dev.pollfeed.kernel;

import java.util.regex.Pattern;

/**
 * Which channels a grant covers: an exact channel name ({@code orders}), a prefix ending in {@code *}
 * ({@code user.42.*} covers {@code user.42.inbox} and {@code user.42.a.b}), or {@code *} for every channel. A
 * {@code *} anywhere else is refused rather than guessed at, and so is anything that is not channel-name characters:
 * patterns are compared as plain strings, never decoded or normalised.
 */
public final class ChannelPattern {

    private static final Pattern VALID = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\*?");

    private final String text;
    private final String prefix;

    private ChannelPattern(String text) {
        this.text = text;
        this.prefix = text.endsWith("*") ? text.substring(0, text.length() - 1) : null;
    }

    /** @throws IllegalArgumentException with a message fit for a client when {@code text} is not a pattern */
    public static ChannelPattern parse(String text) {
        if (text == null || !VALID.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a channel pattern: write a channel name, a "
                    + "prefix ending in '*' (orders.*), or '*'.");
        }
        return new ChannelPattern(text);
    }

    public boolean matches(ChannelName channel) {
        return prefix == null ? text.equals(channel.value()) : channel.value().startsWith(prefix);
    }

    /** Whether this pattern is {@code *}: it covers channels that do not exist yet, hence deployment-wide views. */
    public boolean coversEverything() {
        return text.equals("*");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelPattern pattern && pattern.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
