package dev.pollfeed.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.kernel.ChannelName;

class PageTagsTest {

    private static final long BUDGET = 2097152;

    private static final ChannelName A = ChannelName.parse("a");
    private static final ChannelName B = ChannelName.parse("b");

    @Test
    void sameBodySameTagOnEveryInstance() {
        assertEquals(one(new PagePlan(A, 3, 7, false), BUDGET), one(new PagePlan(A, 3, 7, false), BUDGET));
        assertTrue(one(new PagePlan(A, 3, 7, false), BUDGET).matches("\"[A-Za-z0-9_-]{24}\""));
    }

    @Test
    void anythingThatChangesTheBodyChangesTheTag() {
        String tag = one(new PagePlan(A, 3, 7, false), BUDGET);
        assertNotEquals(tag, one(new PagePlan(B, 3, 7, false), BUDGET));
        assertNotEquals(tag, one(new PagePlan(A, 2, 7, false), BUDGET));
        assertNotEquals(tag, one(new PagePlan(A, 3, 8, false), BUDGET));
        assertNotEquals(tag, one(new PagePlan(A, 3, 7, true), BUDGET));
        assertNotEquals(tag, PageTags.of(List.of(new PagePlan(A, 3, 7, false)), true, BUDGET));
        assertNotEquals(tag, one(new PagePlan(A, 3, 7, false), BUDGET + 1));
    }

    /** Twice over more inputs than the memo has slots, so that slots are shared and overwritten. */
    @Test
    void theMemoGivesTheComputedTag() {
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < 3000; c++) {
                ChannelName channel = ChannelName.parse("ch-" + c);
                for (long after = c % 3; after < 6; after += 2) {
                    PagePlan plan = new PagePlan(channel, after, after + c % 2, c % 5 == 0);
                    boolean many = c % 7 == 0;
                    long budget = BUDGET + c % 3;
                    assertEquals(PageTags.compute(List.of(plan), many, budget),
                            PageTags.of(List.of(plan), many, budget));
                }
            }
        }
    }

    private static String one(PagePlan plan, long budget) {
        return PageTags.of(List.of(plan), false, budget);
    }
}
