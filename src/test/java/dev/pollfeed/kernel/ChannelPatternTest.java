package dev.pollfeed.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelPatternTest {

    @Test
    void exactNamesMatchOnlyThemselves() {
        ChannelPattern orders = ChannelPattern.parse("orders");
        assertTrue(orders.matches(new ChannelName("orders")));
        assertFalse(orders.matches(new ChannelName("orders2")));
        assertFalse(orders.matches(new ChannelName("orders.eu")));
    }

    @Test
    void aTrailingStarIsAPrefixAndOnlyAPrefix() {
        ChannelPattern user = ChannelPattern.parse("user.42.*");
        assertTrue(user.matches(new ChannelName("user.42.inbox")));
        assertTrue(user.matches(new ChannelName("user.42.a.b")));
        assertFalse(user.matches(new ChannelName("user.420")), "user.42.* must not reach user 420");
        assertFalse(user.matches(new ChannelName("user.42")));
        assertFalse(user.matches(new ChannelName("User.42.inbox")), "case matters, as in channel names");
    }

    @Test
    void aLoneStarCoversEverything() {
        ChannelPattern all = ChannelPattern.parse("*");
        assertTrue(all.coversEverything());
        assertTrue(all.matches(new ChannelName("anything-at.all")));
        assertFalse(ChannelPattern.parse("a*").coversEverything());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "..", "../*", ".hidden", "orders/*", "orders%2F*", "a%00", "a\u0000b", "*.x",
            "a*b", "**", "user.*.inbox", "orders.\u2024*", "ｏrders", "a b", "a,b", "%2e%2e", "orders\n"})
    void tricksAreNotPatterns(String text) {
        assertThrows(IllegalArgumentException.class, () -> ChannelPattern.parse(text));
    }

    @Test
    void tooLongIsNotAPattern() {
        ChannelPattern.parse("a".repeat(128));
        ChannelPattern.parse("a".repeat(128) + "*");
        assertThrows(IllegalArgumentException.class, () -> ChannelPattern.parse("a".repeat(129)));
    }

    @Test
    void listsIgnoreBlanksAndNameTheCulprit() {
        ChannelPatterns patterns = ChannelPatterns.parse(List.of(" news.* ", "", "alerts"));
        assertTrue(patterns.covers(new ChannelName("news.today")));
        assertTrue(patterns.covers(new ChannelName("alerts")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelPatterns.parse(List.of("ok", "b*d")));
        assertTrue(e.getMessage().contains("'b*d'"));
    }
}
