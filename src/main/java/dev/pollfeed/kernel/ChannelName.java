package dev.pollfeed.kernel;

/** A channel name: 1–128 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
public record ChannelName(String value) {

    private static final int MAX_LENGTH = 128;

    public ChannelName {
        if (!valid(value)) {
            throw Refusal.invalid("invalid-channel", "Invalid channel name",
                    "A channel name is 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
        }
    }

    public static ChannelName parse(String raw) {
        return new ChannelName(raw);
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, checked by hand: every poll names its channels, and a regular
     * expression's matcher per name was a measurable part of a 10-channel poll (bench/README.md, "Polls from memory:
     * the JVM's part").
     */
    static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !alphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return value;
    }
}
