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

    /** The comparison in place gives what splitting at commas and stripping each candidate gave. */
    @Test
    void ifNoneMatchInPlaceAgreesWithSplitting() {
        String tag = "\"abc\"";
        List<String> headers = List.of("", ",", " , ", tag, " " + tag + " ", "\t" + tag, tag + ",", "," + tag,
                "\"x\"," + tag, "\"x\" ,  " + tag + "  ,\"y\"", "W/" + tag, " W/" + tag + " ", "W/ " + tag,
                "W/", "W/*", "*", " * ", "**", "\"abc", "abc\"", "\"abcd\"", "\"ab\"", tag + tag, "w/" + tag,
                "\u2003" + tag + "\u2003", "\u00a0" + tag);
        for (String header : headers) {
            assertEquals(splitting(header, tag), EntityTags.matches(List.of(header), tag), header);
            assertEquals(splitting(header, tag), EntityTags.matches(List.of("\"z\"", header), tag), header);
        }
    }

    private static boolean splitting(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
