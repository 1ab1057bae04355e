package dev.pollfeed.http;

/**
 * Channel paths matched by hand ahead of the routes that would match them too, whose pattern and parameter decoding
 * cost polls measurably (bench/README.md, "Caught-up 304s against nginx's"). Only names that need no decoding (no '%',
 * no '/') are matched; anything else goes on to the routes.
 */
public final class ChannelPaths {

    private static final String CHANNELS_PREFIX = "/v1/channels/";

    private ChannelPaths() {
    }

    /** The channel of {@code /v1/channels/{channel}{suffix}} when it needs no decoding, else null. */
    public static String plainChannel(String path, String suffix) {
        if (path == null || !path.startsWith(CHANNELS_PREFIX) || !path.endsWith(suffix)) {
            return null;
        }
        int from = CHANNELS_PREFIX.length();
        int to = path.length() - suffix.length();
        if (to <= from) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '%') {
                return null;
            }
        }
        return path.substring(from, to);
    }
}
