package dev.pollfeed.http;

import java.util.List;

import dev.pollfeed.kernel.StrongTags;

/** Entity tags on the wire: {@code If-None-Match} compared as RFC 9110 says, and tags over whole bodies. */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * RFC 9110 If-None-Match: a list of tags or {@code *}, compared weakly (a {@code W/} prefix is ignored). Each
     * candidate is compared where it stands in the header, without splitting or stripping copies: this runs on every
     * conditional poll (bench/README.md, "Caught-up 304s against nginx's").
     */
    public static boolean matches(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (int h = 0; h < ifNoneMatch.size(); h++) {
            String header = ifNoneMatch.get(h);
            int start = 0;
            while (start <= header.length()) {
                int comma = header.indexOf(',', start);
                int end = comma < 0 ? header.length() : comma;
                if (candidateMatches(header, start, end, etag)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    /** The candidate {@code header[from, to)}, whitespace around it and a {@code W/} prefix ignored. */
    private static boolean candidateMatches(String header, int from, int to, String etag) {
        while (from < to && Character.isWhitespace(header.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(header.charAt(to - 1))) {
            to--;
        }
        if (header.startsWith("W/", from) && from + 2 <= to) {
            from += 2;
        }
        int length = to - from;
        if (length == 1 && header.charAt(from) == '*') {
            return true;
        }
        return length > 0 && length == etag.length() && header.regionMatches(from, etag, 0, length);
    }

    /** A strong ETag over a body that is computed in full anyway (stats), the same on every instance. */
    public static String ofBody(byte[] body) {
        return StrongTags.of(body);
    }
}
