package dev.pollfeed.kernel;

import java.util.regex.Pattern;

/** A channel name: 1–128 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
public record ChannelName(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ChannelName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw Refusal.invalid("invalid-channel", "Invalid channel name",
                    "A channel name is 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
        }
    }

    public static ChannelName parse(String raw) {
        return new ChannelName(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
