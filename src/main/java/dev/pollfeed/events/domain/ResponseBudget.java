package dev.pollfeed.events.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts poll answers to a byte budget: a page ends before the event that would take the body past it, and says
 * {@code more: true}. The first event of an answer always goes (an event is at most 64 KiB of data), so every poll
 * makes progress. The cut depends only on the events and the budget, never on timing, so a page cut by bytes is as
 * immutable as one cut by count. Sizes are the exact UTF-8 bytes {@code ResponseBodies} writes for each event, plus a
 * bound on each page's framing.
 */
public final class ResponseBudget {

    /** {@code {"channels":{}}}, or {@code {"channel":,"events":[],"next":,"more":false}} without the values. */
    private static final int ANSWER_FRAMING = 64;
    /** A page's name, next and more, with quotes and separators (a long is at most 20 characters). */
    private static final int PAGE_FRAMING = 64;
    /** {@code {"seq":,"type":"","data":,"time":""}} and the comma before it. */
    private static final int EVENT_FRAMING = 36;

    private final long budget;

    public ResponseBudget(long budget) {
        this.budget = budget;
    }

    public long bytes() {
        return budget;
    }

    public ChannelPage cut(ChannelPage page) {
        return cut(List.of(page)).get(0);
    }

    /**
     * The pages of one answer, in answer order, sharing one budget: each of the {@code n} pages gets an even share
     * ({@link #share}), which is what PostgreSQL sends of it, so one poll holds at most about one budget of events in
     * memory; a page's first event goes beyond its share if the whole answer stays within the budget.
     */
    public List<ChannelPage> cut(List<ChannelPage> pages) {
        long used = ANSWER_FRAMING;
        for (ChannelPage page : pages) {
            used += PAGE_FRAMING + page.channel().value().length();
        }
        long share = share(budget, pages.size());
        if (fitsSurely(pages, used, share)) {
            return pages;
        }
        boolean first = true;
        List<ChannelPage> cut = new ArrayList<>(pages.size());
        for (ChannelPage page : pages) {
            List<StoredEvent> events = page.events();
            long pageUsed = 0;
            int kept = 0;
            while (kept < events.size()) {
                long size = eventBytes(events.get(kept));
                boolean fits = used + size <= budget && (kept == 0 || pageUsed + size <= share);
                if (!fits && !first) {
                    break;
                }
                used += size;
                pageUsed += size;
                first = false;
                kept++;
            }
            cut.add(kept == events.size() ? page : shortened(page, kept));
        }
        return cut;
    }

    /**
     * True when every event fits even at three UTF-8 bytes per character of its data (what no character exceeds): then
     * nothing is cut, and the exact sizes, a walk over every character, are not needed (bench/README.md, "Polls from
     * memory: the JVM's part").
     */
    private boolean fitsSurely(List<ChannelPage> pages, long framing, long share) {
        long total = framing;
        for (ChannelPage page : pages) {
            long pageBytes = 0;
            for (StoredEvent event : page.events()) {
                pageBytes += EVENT_FRAMING + 20 + event.type().length() + 3L * event.dataJson().length()
                        + event.time().length();
            }
            if (pageBytes > share) {
                return false;
            }
            total += pageBytes;
        }
        return total <= budget;
    }

    /** What each of {@code pages} pages of one answer may take of {@code budget} bytes. */
    public static long share(long budget, int pages) {
        return budget / Math.max(1, pages);
    }

    private static ChannelPage shortened(ChannelPage page, int kept) {
        List<StoredEvent> events = page.events();
        long next = kept > 0 ? events.get(kept - 1).seq() : events.get(0).seq() - 1;
        return new ChannelPage(page.channel(), List.copyOf(events.subList(0, kept)), next, true);
    }

    /** The event's bytes in a body: digits, type and time are ASCII, data is UTF-8. */
    static long eventBytes(StoredEvent event) {
        return EVENT_FRAMING + 20 + event.type().length() + utf8Length(event.dataJson()) + event.time().length();
    }

    static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Two bytes up to U+07FF, three beyond; a surrogate pair is four, two per half.
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}
