package dev.pollfeed.events.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.db.ReadPool;
import dev.pollfeed.db.SharedStatements;
import dev.pollfeed.events.domain.ChannelHead;
import dev.pollfeed.events.domain.EventRange;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.PageRead;
import dev.pollfeed.events.domain.ResponseBudget;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.EventTime;

/**
 * The poll path's reads, straight on the reactive PostgreSQL client: prepared statements, rows turned into records
 * without entity hydration or a persistence context. Concurrent polls share statements ({@link SharedStatements}): a
 * caught-up poll costs PostgreSQL one index probe, a catch-up poll one index range, inside statements shared with
 * the other polls of that moment. They go through {@link ReadPool}: the read replica when one is configured.
 */
@ApplicationScoped
public class PollRepository {

    static final String HEADS = "SELECT name, head, oldest FROM channels WHERE name = ANY($1)";
    /**
     * A page's events, at most a budget of data: each row says how much data comes before it, and rows from the one
     * that starts past the budget stay in PostgreSQL ($4 bytes, the answer's {@code ResponseBudget}). Without it a poll
     * of 50 channels of 64 KiB events read 3 GB into memory to answer a few MB (bench/README.md, faults).
     */
    private static final String WITHIN_BUDGET = "SELECT seq, type, data, time FROM (SELECT seq, type, data, time,"
            + " sum(octet_length(data)) OVER (ORDER BY seq) - octet_length(data) AS before FROM (SELECT seq, type,"
            + " data::text AS data, time FROM events WHERE %s ORDER BY seq) r) w WHERE before < %s";
    static final String EVENTS = WITHIN_BUDGET.formatted("channel = $1 AND seq > $2 AND seq <= $3", "$4");
    /**
     * The same pages without the running sum, for ranges too short to reach their budget ({@link #plainRows}): the
     * sum is paid only where it can cut (docs/decisions/0011-byte-budget-only-where-it-can-cut.md).
     */
    private static final String ALL = "SELECT seq, type, data::text AS data, time FROM events WHERE %s ORDER BY seq";
    static final String EVENTS_PLAIN = ALL.formatted("channel = $1 AND seq > $2 AND seq <= $3");
    /**
     * Several pages at once; {@code i} numbers them from 1 in the order asked. LATERAL, like {@link #PAGES}: one index
     * range per page, rows in the nested loop's order, no sort (a join with {@code ORDER BY} cost PostgreSQL ~20% more).
     */
    static final String EVENTS_OF_MANY = "SELECT q.i, e.seq, e.type, e.data, e.time"
            + " FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[]) WITH ORDINALITY"
            + " AS q(channel, after, up_to, budget, i)"
            + " CROSS JOIN LATERAL (" + WITHIN_BUDGET.formatted(
                    "channel = q.channel AND seq > q.after AND seq <= q.up_to", "q.budget")
            + ") e";
    static final String EVENTS_OF_MANY_PLAIN = "SELECT q.i, e.seq, e.type, e.data, e.time"
            + " FROM unnest($1::text[], $2::int8[], $3::int8[]) WITH ORDINALITY"
            + " AS q(channel, after, up_to, i)"
            + " CROSS JOIN LATERAL (" + ALL.formatted("channel = q.channel AND seq > q.after AND seq <= q.up_to")
            + ") e";
    /**
     * Heads and events in one statement, for polls that will answer 200 anyway; {@code i} numbers the pages from 1,
     * and channels never written have no row. LATERAL keeps both lookups index probes whatever the generic plan
     * thinks of the array's size; the head's needs {@code LIMIT 1} as well, or the planner flattens it into a join,
     * which hashed the whole channels table (PollQueryPlanTest). Rows come in the nested loop's order, which
     * {@link #inSeqOrder} checks instead of paying for a sort.
     */
    static final String PAGES = "SELECT q.i, c.head, c.oldest, e.seq, e.type, e.data, e.time"
            + " FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[]) WITH ORDINALITY"
            + " AS q(channel, after, up_to, budget, i)"
            + " CROSS JOIN LATERAL (SELECT head, oldest FROM channels WHERE name = q.channel LIMIT 1) c"
            + " LEFT JOIN LATERAL (" + WITHIN_BUDGET.formatted(
                    "channel = q.channel AND seq > q.after AND seq <= least(q.up_to, c.head)", "q.budget")
            + ") e ON true";
    static final String PAGE = "SELECT c.head, c.oldest, e.seq, e.type, e.data, e.time FROM channels c"
            + " LEFT JOIN LATERAL (" + WITHIN_BUDGET.formatted(
                    "channel = c.name AND seq > $2 AND seq <= least($3, c.head)", "$4")
            + ") e ON true WHERE c.name = $1";
    static final String PAGES_PLAIN = "SELECT q.i, c.head, c.oldest, e.seq, e.type, e.data, e.time"
            + " FROM unnest($1::text[], $2::int8[], $3::int8[]) WITH ORDINALITY"
            + " AS q(channel, after, up_to, i)"
            + " CROSS JOIN LATERAL (SELECT head, oldest FROM channels WHERE name = q.channel LIMIT 1) c"
            + " LEFT JOIN LATERAL (" + ALL.formatted(
                    "channel = q.channel AND seq > q.after AND seq <= least(q.up_to, c.head)")
            + ") e ON true";
    static final String PAGE_PLAIN = "SELECT c.head, c.oldest, e.seq, e.type, e.data, e.time FROM channels c"
            + " LEFT JOIN LATERAL (" + ALL.formatted("channel = c.name AND seq > $2 AND seq <= least($3, c.head)")
            + ") e ON true WHERE c.name = $1";

    /** Seq, type, time and JSON framing of one event in memory and in the body, generously. */
    private static final long EVENT_OVERHEAD = 256;

    private final ReadPool reads;
    /** Statements sent, for tests that a poll answered from memory sends none. */
    private final LongAdder sent = new LongAdder();
    private final SharedStatements<String, ChannelHead> heads;
    private final SharedStatements<Budgeted<PagePlan>, List<StoredEvent>> events;
    private final SharedStatements<Budgeted<PageRead.Request>, PageRead> pages;
    private final long budget;
    private final long largestEventText;

    PollRepository(ReadPool reads, PollfeedConfig config, Vertx vertx) {
        this.reads = reads;
        this.budget = config.limits().maxResponseBytes();
        this.largestEventText = largestEventText(config.limits().maxEventDataBytes());
        int inFlight = config.polling().sharedReadsInFlight();
        int batch = config.polling().sharedReadBatch();
        this.heads = new SharedStatements<>(vertx, inFlight, batch, name -> 1, this::readHeads);
        this.events = new SharedStatements<>(vertx, inFlight, batch, item -> item.range().expectedEvents(),
                this::readEvents);
        this.pages = new SharedStatements<>(vertx, inFlight, batch, item -> item.range().expected(), this::readPages);
    }

    /** Statements this repository has sent (each shared by the polls in it). */
    public long statementsSent() {
        return sent.sum();
    }

    private Uni<RowSet<Row>> query(String sql, Tuple arguments) {
        sent.increment();
        return reads.query(sql, arguments);
    }

    /** The channel's head: one index probe, in a read shared with concurrent polls. */
    public Uni<ChannelHead> head(ChannelName channel) {
        return heads.run(List.of(channel.value())).map(found -> found.get(0));
    }

    /** The heads of several channels, in their order ({@link ChannelHead#EMPTY} for channels never written). */
    public Uni<List<ChannelHead>> heads(List<ChannelName> channels) {
        return heads.run(channels.stream().map(ChannelName::value).toList());
    }

    /** The events a plan names. */
    public Uni<List<StoredEvent>> events(PagePlan plan) {
        return events.run(budgeted(List.of(plan))).map(found -> found.get(0));
    }

    /** The events of several plans, in their order. */
    public Uni<List<List<StoredEvent>>> events(List<PagePlan> plans) {
        return events.run(budgeted(plans));
    }

    /** Heads and pages in one read, for polls that answer 200 whatever the heads are; in their order. */
    public Uni<List<PageRead>> pages(List<PageRead.Request> requests) {
        return pages.run(budgeted(requests));
    }

    /**
     * The most bytes of events a read of these pages (one poll's) can bring into memory: per page, its rows times the
     * largest rendered event, but no more than its share of the budget plus the event that crosses it
     * ({@code PageMemory} reserves this before the read).
     */
    public long mostBytes(List<? extends EventRange> ranges) {
        long share = ResponseBudget.share(budget, ranges.size());
        long event = largestEventText + EVENT_OVERHEAD;
        long most = 0;
        for (EventRange range : ranges) {
            long rows = Math.max(0, range.upTo() - range.after());
            most += rows > (share / event) + 1 ? share + event : rows * event;
        }
        return most;
    }

    /**
     * A page with the bytes of data PostgreSQL sends of it: its share of one poll's budget ({@link ResponseBudget}),
     * which the answer's exact cut never goes past, except by a page's first event, which is always sent.
     */
    private record Budgeted<T extends EventRange>(T range, long budget) implements EventRange {

        @Override
        public ChannelName channel() {
            return range.channel();
        }

        @Override
        public long after() {
            return range.after();
        }

        @Override
        public long upTo() {
            return range.upTo();
        }
    }

    /** The pages of one poll, each with its share of the budget. */
    private <T extends EventRange> List<Budgeted<T>> budgeted(List<T> ranges) {
        long share = ResponseBudget.share(budget, ranges.size());
        List<Budgeted<T>> items = new ArrayList<>(ranges.size());
        for (T range : ranges) {
            items.add(new Budgeted<>(range, share));
        }
        return items;
    }

    /**
     * The most bytes of {@code data::text} one stored event is expected to have: twice the largest {@code data}
     * accepted, since PostgreSQL renders jsonb with a space after every {@code :} and {@code ,} (at most 1.5 times the
     * text received).
     */
    static long largestEventText(int maxEventDataBytes) {
        return 2L * maxEventDataBytes;
    }

    /**
     * How many rows a page may have and still never reach its budget in PostgreSQL: row {@code k} (from 0) starts
     * after at most {@code k} largest events, so with {@code (rows - 1) * largest < budget} the running sum cuts
     * nothing. Whichever statement runs, the answer is the same: {@code ResponseBudget} cuts it exactly afterwards.
     */
    static long plainRows(long budget, long largestEventText) {
        return budget <= 0 ? 1 : 1 + (budget - 1) / largestEventText;
    }

    /** True when none of the ranges can reach its budget, so the statements without the running sum may run. */
    private boolean noneCanReachBudget(List<? extends Budgeted<?>> ranges) {
        for (Budgeted<?> range : ranges) {
            if (range.upTo() - range.after() > plainRows(range.budget(), largestEventText)) {
                return false;
            }
        }
        return true;
    }

    private Uni<List<ChannelHead>> readHeads(List<String> names) {
        return query(HEADS, Tuple.tuple().addArrayOfString(names.toArray(String[]::new))).map(rows -> {
            Map<String, ChannelHead> found = new HashMap<>();
            for (Row row : rows) {
                found.put(row.getString(0), new ChannelHead(row.getLong(1), row.getLong(2)));
            }
            List<ChannelHead> inOrder = new ArrayList<>(names.size());
            for (String name : names) {
                inOrder.add(found.getOrDefault(name, ChannelHead.EMPTY));
            }
            return inOrder;
        });
    }

    private Uni<List<List<StoredEvent>>> readEvents(List<Budgeted<PagePlan>> plans) {
        if (plans.size() == 1) {
            Budgeted<PagePlan> plan = plans.get(0);
            boolean plain = noneCanReachBudget(plans);
            return query(plain ? EVENTS_PLAIN : EVENTS, range(plan, !plain))
                    .map(rows -> List.of(toEvents(rows)));
        }
        boolean plain = noneCanReachBudget(plans);
        return query(plain ? EVENTS_OF_MANY_PLAIN : EVENTS_OF_MANY, ranges(plans, !plain))
                .map(rows -> {
                    List<List<StoredEvent>> pages = new ArrayList<>(plans.size());
                    for (Budgeted<PagePlan> plan : plans) {
                        pages.add(new ArrayList<>(plan.range().expectedEvents()));
                    }
                    for (Row row : rows) {
                        pages.get(row.getLong(0).intValue() - 1).add(event(row, 1));
                    }
                    pages.forEach(PollRepository::inSeqOrder);
                    return pages;
                });
    }

    /**
     * Pages whose range could reach the budget but whose head, as last seen, promises few events (a multi-channel
     * poll's pages: {@code limit} 100, a share of 2 events) read at most as many rows as cannot reach it, without the
     * running sum; a page that the head read with them shows to be longer is read again with the sum. Either way
     * each page is its head and the events that head's snapshot holds, cut as the budgeted statement would.
     */
    private Uni<List<PageRead>> readPages(List<Budgeted<PageRead.Request>> requests) {
        if (noneCanReachBudget(requests)) {
            return queryPages(requests, false);
        }
        List<Budgeted<PageRead.Request>> capped = new ArrayList<>(requests.size());
        for (Budgeted<PageRead.Request> request : requests) {
            PageRead.Request range = request.range();
            long rows = plainRows(request.budget(), largestEventText);
            if (range.expected() > rows) {
                return queryPages(requests, true);
            }
            long upTo = range.after() > range.upTo() - rows ? range.upTo() : range.after() + rows;
            capped.add(new Budgeted<>(new PageRead.Request(range.channel(), range.after(), upTo, range.expected()),
                    request.budget()));
        }
        return queryPages(capped, false).chain(read -> {
            List<Integer> longer = new ArrayList<>();
            for (int i = 0; i < read.size(); i++) {
                long head = read.get(i).head().head();
                if (Math.min(requests.get(i).upTo(), head) > capped.get(i).upTo()) {
                    longer.add(i);
                }
            }
            if (longer.isEmpty()) {
                return Uni.createFrom().item(read);
            }
            return queryPages(longer.stream().map(requests::get).toList(), true).map(again -> {
                List<PageRead> merged = new ArrayList<>(read);
                for (int k = 0; k < longer.size(); k++) {
                    merged.set(longer.get(k), again.get(k));
                }
                return merged;
            });
        });
    }

    private Uni<List<PageRead>> queryPages(List<Budgeted<PageRead.Request>> requests, boolean budgeted) {
        boolean plain = !budgeted;
        if (requests.size() == 1) {
            Budgeted<PageRead.Request> request = requests.get(0);
            return query(plain ? PAGE_PLAIN : PAGE, range(request, !plain)).map(rows -> {
                if (rows.size() == 0) {
                    return List.of(PageRead.EMPTY);
                }
                List<StoredEvent> events = new ArrayList<>(rows.size());
                ChannelHead head = null;
                for (Row row : rows) {
                    head = head != null ? head : new ChannelHead(row.getLong(0), row.getLong(1));
                    if (row.getValue(2) != null) {
                        events.add(event(row, 2));
                    }
                }
                return List.of(new PageRead(head, inSeqOrder(events)));
            });
        }
        return query(plain ? PAGES_PLAIN : PAGES, ranges(requests, !plain))
                .map(rows -> {
                    ChannelHead[] heads = new ChannelHead[requests.size()];
                    List<List<StoredEvent>> events = new ArrayList<>(requests.size());
                    for (int i = 0; i < requests.size(); i++) {
                        events.add(new ArrayList<>());
                    }
                    for (Row row : rows) {
                        int i = row.getLong(0).intValue() - 1;
                        if (heads[i] == null) {
                            heads[i] = new ChannelHead(row.getLong(1), row.getLong(2));
                        }
                        if (row.getValue(3) != null) {
                            events.get(i).add(event(row, 3));
                        }
                    }
                    List<PageRead> read = new ArrayList<>(requests.size());
                    for (int i = 0; i < requests.size(); i++) {
                        read.add(heads[i] == null ? PageRead.EMPTY : new PageRead(heads[i], inSeqOrder(events.get(i))));
                    }
                    return read;
                });
    }

    /** {@code $1} channel, {@code $2} after, {@code $3} up to, and {@code $4} bytes of data when budgeted. */
    private static Tuple range(Budgeted<?> range, boolean budgeted) {
        Tuple tuple = Tuple.of(range.channel().value(), range.after(), range.upTo());
        return budgeted ? tuple.addLong(range.budget()) : tuple;
    }

    /** The same as arrays, for {@code unnest($1::text[], $2::int8[], $3::int8[][, $4::int8[]]) WITH ORDINALITY}. */
    private static Tuple ranges(List<? extends Budgeted<?>> ranges, boolean budgeted) {
        String[] names = new String[ranges.size()];
        Long[] after = new Long[ranges.size()];
        Long[] upTo = new Long[ranges.size()];
        Long[] budgets = new Long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            names[i] = ranges.get(i).channel().value();
            after[i] = ranges.get(i).after();
            upTo[i] = ranges.get(i).upTo();
            budgets[i] = ranges.get(i).budget();
        }
        Tuple tuple = Tuple.tuple().addArrayOfString(names).addArrayOfLong(after).addArrayOfLong(upTo);
        return budgeted ? tuple.addArrayOfLong(budgets) : tuple;
    }

    /** The events sorted by seq; they nearly always come sorted, which costs one pass to confirm. */
    private static List<StoredEvent> inSeqOrder(List<StoredEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).seq() < events.get(i - 1).seq()) {
                events.sort(Comparator.comparingLong(StoredEvent::seq));
                break;
            }
        }
        return events;
    }

    private static List<StoredEvent> toEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(event(row, 0));
        }
        return events;
    }

    /** The event in the row's columns from {@code first}: seq, type, data as JSON text, time. */
    private static StoredEvent event(Row row, int first) {
        return new StoredEvent(row.getLong(first), row.getString(first + 1), row.getString(first + 2),
                EventTime.format(row.getOffsetDateTime(first + 3)));
    }
}
