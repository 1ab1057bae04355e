package dev.pollfeed.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.pollfeed.events.domain.PagePlan;

/**
 * Strong ETags computed from page plans. A plan fixes a poll body byte for byte (gapless seqs, immutable events), so
 * the tag is the same on every instance, changes whenever the body would, and costs no event read.
 */
public final class EntityTags {

    /** Bump when the body format changes, so that cached tags stop matching. */
    private static final String FORMAT = "pollfeed-v1";

    private EntityTags() {
    }

    /** The tag of a plan's page cut to {@code budget} bytes (the budget decides where a page of large events ends). */
    public static String of(PagePlan plan, long budget) {
        return of(List.of(plan), false, budget);
    }

    public static String ofMany(List<PagePlan> plans, long budget) {
        return of(plans, true, budget);
    }

    private static String of(List<PagePlan> plans, boolean many, long budget) {
        StringBuilder identity = new StringBuilder(FORMAT).append(many ? "|many" : "|one").append('|').append(budget);
        for (PagePlan plan : plans) {
            identity.append('|')
                    .append(plan.channel().value())
                    .append(':')
                    .append(plan.after())
                    .append(':')
                    .append(plan.upTo())
                    .append(':')
                    .append(plan.more() ? '1' : '0');
        }
        return tag(sha256().digest(identity.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String tag(byte[] digest) {
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + '"';
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
        return tag(sha256().digest(body));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
