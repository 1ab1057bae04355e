package dev.pollfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void bodyTagsAreStrongAndStable() {
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(EntityTags.ofBody(body), EntityTags.ofBody(body.clone()));
        assertTrue(EntityTags.ofBody(body).matches("\"[A-Za-z0-9_-]{24}\""));
        assertNotEquals(EntityTags.ofBody(body), EntityTags.ofBody("{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ifNoneMatchFollowsRfc9110() {
        String tag = EntityTags.ofBody(new byte[]{1});
        assertTrue(EntityTags.matches(List.of(tag), tag));
        assertTrue(EntityTags.matches(List.of("\"x\", " + tag), tag));
        assertTrue(EntityTags.matches(List.of("W/" + tag), tag));
        assertTrue(EntityTags.matches(List.of("*"), tag));
        assertFalse(EntityTags.matches(List.of("\"other\""), tag));
        assertFalse(EntityTags.matches(null, tag));
    }
}
