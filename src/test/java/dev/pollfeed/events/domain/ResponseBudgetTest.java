package dev.pollfeed.events.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.ChannelName;

class ResponseBudgetTest {

    private static final ChannelName A = ChannelName.parse("a");
    private static final ChannelName B = ChannelName.parse("b");
    private static final String TIME = "2026-11-28T05:00:00.123456Z";

    @Test
    void aPageThatFitsIsLeftAlone() {
        ChannelPage page = page(A, 0, 3, 10, false);
        assertSame(page, new ResponseBudget(10_000).cut(page));
    }

    @Test
    void aPageEndsBeforeTheEventThatWouldCrossTheBudget() {
        long event = ResponseBudget.eventBytes(event(1, 1000));
        long budget = 64 + 64 + 1 + 3 * event + event / 2;
        ChannelPage cut = new ResponseBudget(budget).cut(page(A, 0, 10, 1000, false));
        assertEquals(List.of(1L, 2L, 3L), cut.events().stream().map(StoredEvent::seq).toList());
        assertEquals(3, cut.next());
        assertTrue(cut.more());
    }

    @Test
    void theFirstEventGoesWhateverItsSize() {
        ChannelPage cut = new ResponseBudget(10).cut(page(A, 4, 3, 1000, false));
        assertEquals(List.of(5L), cut.events().stream().map(StoredEvent::seq).toList());
        assertEquals(5, cut.next());
        assertTrue(cut.more());
    }

    @Test
    void channelsShareOneBudgetInAnswerOrder() {
        List<ChannelPage> cut = new ResponseBudget(10).cut(List.of(page(A, 0, 0, 0, false),
                page(B, 7, 2, 1000, false), page(A, 2, 2, 10, false)));
        assertFalse(cut.get(0).more());
        assertEquals(1, cut.get(1).events().size());
        assertEquals(0, cut.get(2).events().size());
        assertEquals(2, cut.get(2).next(), "a page with nothing left keeps its cursor");
        assertTrue(cut.get(2).more());
    }

    @Test
    void eachChannelGetsAnEvenShare() {
        long event = ResponseBudget.eventBytes(event(1, 1000));
        long budget = 64 + 2 * 65 + 10 * event;
        List<ChannelPage> cut = new ResponseBudget(budget).cut(List.of(page(A, 0, 10, 1000, false),
                page(B, 0, 10, 1000, false)));
        assertEquals(5, cut.get(0).events().size(), "a share is half the budget");
        assertEquals(5, cut.get(1).events().size());
        assertTrue(cut.get(0).more() && cut.get(1).more());
    }

    @Test
    void sizesAreUtf8Bytes() {
        assertEquals(8, ResponseBudget.utf8Length("\"aé€\""));
        assertEquals(4, ResponseBudget.utf8Length("😀"));
        assertEquals(3, ResponseBudget.utf8Length("€"));
    }

    private static ChannelPage page(ChannelName channel, long after, int events, int dataBytes, boolean more) {
        List<StoredEvent> list = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            list.add(event(after + i, dataBytes));
        }
        return new ChannelPage(channel, list, after + events, more);
    }

    private static StoredEvent event(long seq, int dataBytes) {
        return new StoredEvent(seq, "message", "\"" + "x".repeat(Math.max(0, dataBytes - 2)) + "\"", TIME);
    }
}
