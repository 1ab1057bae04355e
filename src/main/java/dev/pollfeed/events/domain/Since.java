package dev.pollfeed.events.domain;

import dev.pollfeed.kernel.Refusal;

/**
 * Where a poll starts: after a seq ({@code since=17}: events with seq &gt; 17) or at the current head
 * ({@code since=now}: no events, {@code next} = head, so a client can start following without the backlog).
 */
public sealed interface Since {

    /** Events strictly after {@code seq}. */
    record After(long seq) implements Since {
    }

    /** No events; the answer's {@code next} is the channel's head. */
    record Now() implements Since {
    }

    Since NOW = new Now();

    /** Parses {@code 0 ≤ S ≤ 2^63−1} written as plain decimal digits, or {@code now}; anything else is a 400. */
    static Since parse(String raw, String parameter) {
        if (raw == null) {
            return new After(0);
        }
        if ("now".equals(raw)) {
            return NOW;
        }
        if (digits(raw)) {
            try {
                return new After(Long.parseLong(raw));
            } catch (NumberFormatException tooBig) {
                // 19 digits can exceed 2^63-1; fall through to the problem.
            }
        }
        throw Refusal.invalid("invalid-cursor", "Invalid cursor", "'" + parameter
                + "' must be 'now' or a whole number from 0 to 9223372036854775807 written in plain digits.");
    }

    /** {@code [0-9]{1,19}}, checked without a regular expression's matcher (one per cursor of every poll). */
    private static boolean digits(String raw) {
        if (raw.isEmpty() || raw.length() > 19) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
