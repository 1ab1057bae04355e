package dev.pollfeed.events.domain;

import java.util.regex.Pattern;

import dev.pollfeed.kernel.Refusal;

/** How many events one page holds, per channel: 1–1000, default 100. */
public final class PageLimit {

    public static final int DEFAULT = 100;
    public static final int MAX = 1000;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");

    private PageLimit() {
    }

    public static int parse(String raw) {
        if (raw == null) {
            return DEFAULT;
        }
        if (DIGITS.matcher(raw).matches()) {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        }
        throw Refusal.invalid("invalid-limit", "Invalid limit", "'limit' must be a whole number from 1 to " + MAX + ".");
    }
}
