package dev.pollfeed.events.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.kernel.StrongTags;

/**
 * Strong ETags computed from page plans. A plan fixes a poll body byte for byte (gapless seqs, immutable events), so
 * the tag is the same on every instance, changes whenever the body would, and costs no event read.
 */
final class PageTags {

    /** Bump when the body format changes, so that cached tags stop matching. */
    private static final String FORMAT = "pollfeed-v1";

    private PageTags() {
    }

    /**
     * The tag of the plans' pages cut to {@code budget} bytes (the budget decides where a page of large events ends);
     * a multi-channel answer's body differs from a one-channel answer's, and so does its tag.
     */
    static String of(List<PagePlan> plans, boolean many, long budget) {
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
        return StrongTags.of(identity.toString().getBytes(StandardCharsets.UTF_8));
    }
}
