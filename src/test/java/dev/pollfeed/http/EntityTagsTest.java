package dev.pollfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.PagePlan;

class EntityTagsTest {

    private static final long BUDGET = 2097152;

    private static final ChannelName A = ChannelName.parse("a");
    private static final ChannelName B = ChannelName.parse("b");

    @Test
    void sameBodySameTagOnEveryInstance() {
        assertEquals(EntityTags.of(new PagePlan(A, 3, 7, false), BUDGET), EntityTags.of(new PagePlan(A, 3, 7, false), BUDGET));
        assertTrue(EntityTags.of(new PagePlan(A, 3, 7, false), BUDGET).matches("\"[A-Za-z0-9_-]{24}\""));
    }

    @Test
    void anythingThatChangesTheBodyChangesTheTag() {
        String tag = EntityTags.of(new PagePlan(A, 3, 7, false), BUDGET);
        assertNotEquals(tag, EntityTags.of(new PagePlan(B, 3, 7, false), BUDGET));
        assertNotEquals(tag, EntityTags.of(new PagePlan(A, 2, 7, false), BUDGET));
        assertNotEquals(tag, EntityTags.of(new PagePlan(A, 3, 8, false), BUDGET));
        assertNotEquals(tag, EntityTags.of(new PagePlan(A, 3, 7, true), BUDGET));
        assertNotEquals(tag, EntityTags.ofMany(List.of(new PagePlan(A, 3, 7, false)), BUDGET));
        assertNotEquals(tag, EntityTags.of(new PagePlan(A, 3, 7, false), BUDGET + 1));
    }

    @Test
    void ifNoneMatchFollowsRfc9110() {
        String tag = EntityTags.of(new PagePlan(A, 0, 0, false), BUDGET);
        assertTrue(EntityTags.matches(List.of(tag), tag));
        assertTrue(EntityTags.matches(List.of("\"x\", " + tag), tag));
        assertTrue(EntityTags.matches(List.of("W/" + tag), tag));
        assertTrue(EntityTags.matches(List.of("*"), tag));
        assertFalse(EntityTags.matches(List.of("\"other\""), tag));
        assertFalse(EntityTags.matches(null, tag));
    }
}
