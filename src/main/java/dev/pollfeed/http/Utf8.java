package dev.pollfeed.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies are UTF-8 (RFC 8259), and only UTF-8. Jackson would otherwise guess UTF-16 or UTF-32 from the first
 * bytes, and lets some malformed sequences through as replacement characters, which would then be stored as if the
 * client had sent them. Both were found by the fuzz test.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether {@code body} is well-formed UTF-8 with no NUL byte. A raw NUL never occurs in JSON text (inside strings
     * it must be escaped), and every UTF-16 or UTF-32 encoding of JSON has one, since its structural characters are
     * ASCII.
     */
    public static boolean isJsonText(byte[] body) {
        boolean ascii = true;
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
            ascii &= b > 0;
        }
        if (ascii) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
