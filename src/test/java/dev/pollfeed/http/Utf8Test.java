package dev.pollfeed.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8Test {

    private static final String JSON = "{\"data\":\"héllo → 世界 😀\"}";

    @Test
    void utf8JsonIsJsonText() {
        assertTrue(Utf8.isJsonText("{\"data\":1}".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Utf8.isJsonText(JSON.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void otherEncodingsAreNot() {
        for (Charset charset : new Charset[]{StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                StandardCharsets.UTF_16, Charset.forName("UTF-32"), Charset.forName("UTF-32LE")}) {
            assertFalse(Utf8.isJsonText(JSON.getBytes(charset)), charset.name());
        }
        assertFalse(Utf8.isJsonText("{\"data\":\"héllo\"}".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void malformedSequencesAreNot() {
        byte[][] malformed = {{'"', 'a', (byte) 0xC1, (byte) 0xBF, 'b', '"'}, // overlong
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // a UTF-16 surrogate, CESU-8 style
                {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
                {'"', (byte) 0xE2, (byte) 0x82, '"'}, // truncated
                {'"', (byte) 0x80, '"'}, // lone continuation byte
                {'{', 0, '}'}}; // a raw NUL
        for (byte[] body : malformed) {
            assertFalse(Utf8.isJsonText(body));
        }
    }
}
