package dev.pollfeed.security.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.ChannelName;

class ScopesTest {

    @Test
    void publishDoesNotImplyRead() {
        Grants grants = Scopes.parse(List.of("publish:orders.*")).grants();
        assertTrue(grants.mayPublish(new ChannelName("orders.1")));
        assertFalse(grants.mayRead(new ChannelName("orders.1")));
        assertFalse(grants.admin());
    }

    @Test
    void adminMayDoEverything() {
        Grants grants = Scopes.parse(List.of("admin")).grants();
        assertTrue(grants.mayRead(new ChannelName("x")));
        assertTrue(grants.mayPublish(new ChannelName("x")));
        assertTrue(grants.mayReadEverything());
    }

    @Test
    void onlyReadOnStarReadsEverything() {
        assertTrue(Scopes.parse(List.of("read:*")).grants().mayReadEverything());
        assertFalse(Scopes.parse(List.of("read:a*")).grants().mayReadEverything());
        assertFalse(Scopes.parse(List.of("publish:*")).grants().mayReadEverything());
    }

    @Test
    void storedFormRoundTrips() {
        Scopes scopes = Scopes.parse(List.of("read:a.*", "publish:b", "read:a.*", "admin"));
        assertEquals(List.of("read:a.*", "publish:b", "admin"), scopes.values());
        assertEquals(scopes.values(), Scopes.fromStored(scopes.stored()).values());
    }

    @Test
    void unknownOrMalformedScopesAreRefused() {
        for (String bad : List.of("write:a", "read:", "read:a*b", "publish:%2F", "Admin", "admin ", "read :a")) {
            assertThrows(IllegalArgumentException.class, () -> Scopes.parse(List.of(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(Collections.nCopies(101, "read:a")));
    }
}
