package dev.pollfeed.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "orders", "user.42.inbox", "a-b_c.d", "9lives"})
    void acceptsValidNames(String raw) {
        assertEquals(raw, ChannelName.parse(raw).value());
    }

    @Test
    void acceptsExactly128Characters() {
        assertEquals(128, ChannelName.parse("a".repeat(128)).value().length());
        assertThrows(Refusal.class, () -> ChannelName.parse("a".repeat(129)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-a", "_a", ".a", "a b", "a/b", "a:b", "a,b", "é", "a%2Fb", "a\u0000",
            "ａ"})
    void rejectsInvalidNames(String raw) {
        assertEquals(Refusal.Reason.INVALID, assertThrows(Refusal.class, () -> ChannelName.parse(raw)).reason());
    }

    /** The hand-written check accepts exactly what the protocol's pattern does, for every character up to U+FFFF. */
    @Test
    void acceptsExactlyWhatThePatternAccepts() {
        Pattern pattern = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            for (String raw : new String[]{String.valueOf(c), "a" + c, c + "a", "a" + c + "b"}) {
                assertEquals(pattern.matcher(raw).matches(), ChannelName.valid(raw), () -> "U+" + (int) raw.charAt(0));
            }
        }
    }
}
