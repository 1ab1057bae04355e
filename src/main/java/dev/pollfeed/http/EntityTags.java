package dev.pollfeed.http;

import java.util.List;

import dev.pollfeed.kernel.StrongTags;

/** Entity tags on the wire: {@code If-None-Match} compared as RFC 9110 says, and tags over whole bodies. */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * RFC 9110 If-None-Match: a list of tags or {@code *}, compared weakly (a {@code W/} prefix is ignored).
     */
    public static boolean matches(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A strong ETag over a body that is computed in full anyway (stats), the same on every instance. */
    public static String ofBody(byte[] body) {
        return StrongTags.of(body);
    }
}
