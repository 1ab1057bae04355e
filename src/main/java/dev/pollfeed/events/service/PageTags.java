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
    /**
     * Tags of one-page answers kept by their inputs, one per slot (a slot's newest overwrites it; under 1 MB):
     * a caught-up poll asks for the same tag again and again, and its SHA-256 and identity string were ~4% of a 304's
     * JVM time (bench/README.md, "Caught-up 304s against nginx's"). Records are immutable, so racing threads see a
     * whole one or none.
     */
    private static final Memo[] MEMO = new Memo[4096];

    private PageTags() {
    }

    /**
     * The tag of the plans' pages cut to {@code budget} bytes (the budget decides where a page of large events ends);
     * a multi-channel answer's body differs from a one-channel answer's, and so does its tag.
     */
    static String of(List<PagePlan> plans, boolean many, long budget) {
        if (plans.size() != 1) {
            return compute(plans, many, budget);
        }
        PagePlan plan = plans.get(0);
        String channel = plan.channel().value();
        int slot = (31 * channel.hashCode() + Long.hashCode(plan.after())) & (MEMO.length - 1);
        Memo memo = MEMO[slot];
        if (memo != null && memo.after == plan.after() && memo.upTo == plan.upTo() && memo.more == plan.more()
                && memo.many == many && memo.budget == budget && memo.channel.equals(channel)) {
            return memo.tag;
        }
        String tag = compute(plans, many, budget);
        MEMO[slot] = new Memo(channel, plan.after(), plan.upTo(), plan.more(), many, budget, tag);
        return tag;
    }

    /** The tag computed, without the memo. */
    static String compute(List<PagePlan> plans, boolean many, long budget) {
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

    private record Memo(String channel, long after, long upTo, boolean more, boolean many, long budget, String tag) {
    }
}
