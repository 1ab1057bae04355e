package dev.pollfeed.events.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.domain.ChannelHead;
import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.PageRead;
import dev.pollfeed.events.domain.ResponseBudget;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.events.repository.PollRepository;
import dev.pollfeed.events.service.HeadCache.Use;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.Unavailable;

/**
 * Answers polls, one channel being many of one, in two steps so that the common case stays cheap: {@code plan} reads
 * only channel heads (enough for the ETag, so a matching {@code If-None-Match} ends there), {@code fetch} reads the
 * events the plans name. The 304-or-pages decision is made here ({@link PollAnswer}). Before either, a poll whose every
 * page memory holds whole (fresh heads in {@link HeadCache}, events in {@link RecentEvents}) is answered from there.
 */
@ApplicationScoped
public class PollService {

    private final PollRepository repository;
    private final HeadHints hints;
    private final ChannelActivity activity;
    private final HeadCache cache;
    private final ResponseBudget budget;
    private final PageReservations reservations;
    private final RecentEvents recent;

    PollService(PollRepository repository, HeadHints hints, ChannelActivity activity, HeadCache cache,
            PageReservations reservations, RecentEvents recent, PollfeedConfig config) {
        this.reservations = reservations;
        this.recent = recent;
        this.budget = new ResponseBudget(config.limits().maxResponseBytes());
        this.repository = repository;
        this.hints = hints;
        this.activity = activity;
        this.cache = cache;
    }

    /**
     * The answer to a poll: 304 or pages. Without {@code If-None-Match} the answer is a 200 whatever the heads are, so
     * heads and events may be read together; so may a conditional poll of one channel behind the head last seen here.
     * Otherwise the heads alone (from memory when fresh) decide first whether a 304 ends it.
     */
    public Uni<PollAnswer> poll(PollRequest poll) {
        return poll(poll, PageLeases.NONE);
    }

    /**
     * As {@link #poll(PollRequest)}, every read of events first holding the most its pages can take. An answer from
     * memory ({@link RecentEvents}) holds nothing: its events are held by the cache's own bound already.
     */
    public Uni<PollAnswer> poll(PollRequest poll, PageLeases leases) {
        if (recent.enabled()) {
            Remembered remembered = remembered(poll.channels(), poll.since(), poll.limit());
            if (remembered.pages() != null) {
                return Uni.createFrom().item(answered(poll, remembered.pages()));
            }
            if (remembered.afterRefresh()) {
                return cache.refreshed().chain(() -> {
                    List<PlannedPage> again = remembered(poll.channels(), poll.since(), poll.limit()).pages();
                    return again != null ? Uni.createFrom().item(answered(poll, again)) : fromDatabase(poll, leases);
                });
            }
        }
        return fromDatabase(poll, leases);
    }

    private Uni<PollAnswer> fromDatabase(PollRequest poll, PageLeases leases) {
        List<ChannelName> channels = poll.channels();
        if (!poll.conditional() || !poll.many() && probablyBehind(channels.get(0), poll.since().get(0))) {
            return answer(channels, poll.since(), poll.limit(), leases).map(answers -> answered(poll, answers));
        }
        return plan(channels, poll.since(), poll.limit()).chain(plans -> {
            String etag = PageTags.of(plans, poll.many(), budget.bytes());
            if (poll.held().test(etag)) {
                return Uni.createFrom().item(notModified(etag, plans, channels));
            }
            return fetch(plans, leases).map(pages -> new PollAnswer.Pages(etag, budget.cut(pages)));
        });
    }

    /**
     * The answer {@link #poll} would give when memory alone gives it (every channel caught up with a fresh head in
     * {@link HeadCache} and none probably behind, or every page held whole in {@link RecentEvents}), computed at once
     * without a Uni; null when a read or a refresh is needed, and {@link #poll} then answers. The hot path of caught-up
     * polls and of pages from recent events (bench/README.md, "Where the time goes", "Polls from memory: the JVM's
     * part").
     */
    public PollAnswer fromMemory(PollRequest poll) {
        PollAnswer caughtUp = caughtUpFromMemory(poll);
        if (caughtUp != null || !recent.enabled()) {
            return caughtUp;
        }
        // What poll() answers first when it can: pages of recent events (and caught-up pages) held whole in memory.
        List<PlannedPage> pages = remembered(poll.channels(), poll.since(), poll.limit()).pages();
        return pages == null ? null : answered(poll, pages);
    }

    /** A poll whose every channel is caught up with a fresh head in memory, answered as {@link #poll} would. */
    private PollAnswer caughtUpFromMemory(PollRequest poll) {
        List<ChannelName> channels = poll.channels();
        List<Since> since = poll.since();
        if (!poll.conditional() || !poll.many()) {
            // The paths of poll() that look at HeadHints first: a channel probably behind reads its events.
            for (int i = 0; i < channels.size(); i++) {
                if (!(since.get(i) instanceof Since.After after)
                        || !hints.probablyCaughtUp(channels.get(i).value(), after.seq())) {
                    return null;
                }
            }
        }
        if (use(channels, since) != Use.MEMORY) {
            return null;
        }
        List<PagePlan> plans = caughtUp(channels, since);
        String etag = PageTags.of(plans, poll.many(), budget.bytes());
        if (poll.conditional() && poll.held().test(etag)) {
            return notModified(etag, plans, channels);
        }
        List<ChannelPage> pages = new ArrayList<>(plans.size());
        for (PagePlan plan : plans) {
            pages.add(page(plan, List.of()));
        }
        return new PollAnswer.Pages(etag, budget.cut(pages));
    }

    /** A 304 when the client holds the pages' tag, else the pages cut to the byte budget. */
    private PollAnswer answered(PollRequest poll, List<PlannedPage> answers) {
        List<PagePlan> plans = new ArrayList<>(answers.size());
        for (PlannedPage answer : answers) {
            plans.add(answer.plan());
        }
        String etag = PageTags.of(plans, poll.many(), budget.bytes());
        if (poll.conditional() && poll.held().test(etag)) {
            return notModified(etag, plans, poll.channels());
        }
        List<ChannelPage> pages = new ArrayList<>(answers.size());
        for (PlannedPage answer : answers) {
            pages.add(answer.page());
        }
        return new PollAnswer.Pages(etag, budget.cut(pages));
    }

    /** Every channel's page from memory ({@code pages}), or none: after the coming head refresh, or not at all. */
    private record Remembered(List<PlannedPage> pages, boolean afterRefresh) {

        static final Remembered DATABASE = new Remembered(null, false);
        static final Remembered AFTER_REFRESH = new Remembered(null, true);
    }

    /**
     * The pages memory holds whole: a caught-up cursor at a fresh head (as {@link #plan} does); a full page, which
     * never changes, whenever its events and a head beyond them are held; a partial page when the fresh head ends it
     * and its events are held. A cursor beyond the fresh head, or anything else, goes to the database: then the
     * whole poll does, in one statement as ever.
     */
    private Remembered remembered(List<ChannelName> channels, List<Since> since, int limit) {
        List<PlannedPage> pages = new ArrayList<>(channels.size());
        boolean afterRefresh = false;
        for (int i = 0; i < channels.size(); i++) {
            if (!(since.get(i) instanceof Since.After after) || after.seq() > Long.MAX_VALUE - limit) {
                return Remembered.DATABASE;
            }
            ChannelName channel = channels.get(i);
            long cursor = after.seq();
            HeadCache.Held head = cache.held(channel.value());
            if (head != null && head.head() == cursor && head.use() != Use.DATABASE) {
                afterRefresh |= head.use() == Use.AFTER_REFRESH;
                PagePlan plan = caughtUp(channel, after);
                pages.add(new PlannedPage(plan, page(plan, List.of())));
                continue;
            }
            RecentEvents.Run run = recent.held(channel.value());
            long full = cursor + limit;
            if (run != null && Math.max(run.last(), head == null ? 0 : head.head()) > full && run.holds(cursor, full)) {
                pages.add(new PlannedPage(new PagePlan(channel, cursor, full, true),
                        new ChannelPage(channel, run.between(cursor, full), full, true)));
                continue;
            }
            if (head == null || head.use() == Use.DATABASE || cursor > head.head() || head.head() > full) {
                return Remembered.DATABASE;
            }
            if (head.use() == Use.AFTER_REFRESH) {
                afterRefresh = true;
                continue;
            }
            if (run == null || !run.holds(cursor, head.head())) {
                return Remembered.DATABASE;
            }
            // The page the database would give at this head; the head moves the channel's Poll-Interval as a read's.
            activity.saw(channel.value(), head.head());
            pages.add(new PlannedPage(new PagePlan(channel, cursor, head.head(), false),
                    new ChannelPage(channel, run.between(cursor, head.head()), head.head(), false)));
        }
        return afterRefresh ? Remembered.AFTER_REFRESH : new Remembered(pages, false);
    }

    private static PollAnswer notModified(String etag, List<PagePlan> plans, List<ChannelName> channels) {
        boolean full = true;
        for (PagePlan plan : plans) {
            full &= plan.more();
        }
        return new PollAnswer.NotModified(etag, full, channels);
    }

    /** True when the head last seen here lies beyond the cursor: the poll will get events (HeadHints). */
    private boolean probablyBehind(ChannelName channel, Since since) {
        return since instanceof Since.After after && !hints.probablyCaughtUp(channel.value(), after.seq());
    }

    /** One read for all channels' heads, or none when every one is caught up with a fresh head in memory. */
    private Uni<List<PagePlan>> plan(List<ChannelName> channels, List<Since> since, int limit) {
        return switch (use(channels, since)) {
            case MEMORY -> Uni.createFrom().item(caughtUp(channels, since));
            case AFTER_REFRESH -> cache.refreshed()
                    .chain(() -> use(channels, since) == Use.MEMORY
                            ? Uni.createFrom().item(caughtUp(channels, since))
                            : read(channels, since, limit));
            case DATABASE -> read(channels, since, limit);
        };
    }

    private Uni<List<PagePlan>> read(List<ChannelName> channels, List<Since> since, int limit) {
        long asked = cache.now();
        return repository.heads(channels).map(heads -> {
            List<PagePlan> plans = new ArrayList<>(channels.size());
            for (int i = 0; i < channels.size(); i++) {
                saw(channels.get(i), heads.get(i), asked);
                plans.add(PagePlan.of(channels.get(i), heads.get(i), since.get(i), limit));
            }
            return plans;
        });
    }

    /** The most any channel needs: memory only when every one is caught up with a fresh head there. */
    private Use use(List<ChannelName> channels, List<Since> since) {
        Use use = Use.MEMORY;
        for (int i = 0; i < channels.size(); i++) {
            if (!(since.get(i) instanceof Since.After after)) {
                return Use.DATABASE;
            }
            Use one = cache.use(channels.get(i).value(), after.seq());
            if (one == Use.DATABASE) {
                return Use.DATABASE;
            }
            if (one == Use.AFTER_REFRESH) {
                use = Use.AFTER_REFRESH;
            }
        }
        return use;
    }

    /** A caught-up cursor's plan: empty, the cursor unchanged. */
    private static PagePlan caughtUp(ChannelName channel, Since since) {
        long after = ((Since.After) since).seq();
        return new PagePlan(channel, after, after, false);
    }

    private static List<PagePlan> caughtUp(List<ChannelName> channels, List<Since> since) {
        List<PagePlan> plans = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            plans.add(caughtUp(channels.get(i), since.get(i)));
        }
        return plans;
    }

    private void saw(ChannelName channel, ChannelHead head, long asked) {
        hints.saw(channel.value(), head.head());
        activity.saw(channel.value(), head.head());
        cache.saw(channel.value(), head.head(), asked);
    }

    /** One read for the events of every plan that has any. */
    private Uni<List<ChannelPage>> fetch(List<PagePlan> plans, PageLeases leases) {
        List<PagePlan> withEvents = plans.stream().filter(PagePlan::hasEvents).toList();
        if (withEvents.isEmpty()) {
            return Uni.createFrom().item(plans.stream().map(plan -> page(plan, List.of())).toList());
        }
        long asked = cache.now();
        return leases.hold(reservations.forPlans(withEvents)).chain(() -> repository.events(withEvents)).map(events -> {
            List<ChannelPage> pages = new ArrayList<>(plans.size());
            int next = 0;
            for (PagePlan plan : plans) {
                pages.add(page(plan, plan.hasEvents()
                        ? remember(plan, checked(plan, events.get(next++)), asked)
                        : List.of()));
            }
            return pages;
        });
    }

    /**
     * A poll without {@code If-None-Match}, which answers 200 whatever the heads are, or a conditional one that will
     * probably get events (its ETag is checked against the pages' afterwards), in the channels' order. When a channel
     * is probably behind ({@link HeadHints}), heads and events come in one statement (one round trip instead of two:
     * docs/decisions/0005-poll-statements.md); when all are probably caught up, the heads alone answer.
     */
    private Uni<List<PlannedPage>> answer(List<ChannelName> channels, List<Since> since, int limit,
            PageLeases leases) {
        List<PageRead.Request> requests = pageRequests(channels, since, limit);
        if (requests != null) {
            long asked = cache.now();
            return leases.hold(reservations.forCursors(channels, since, limit))
                    .chain(() -> repository.pages(requests))
                    .map(reads -> {
                        List<PlannedPage> answers = new ArrayList<>(reads.size());
                        for (int i = 0; i < reads.size(); i++) {
                            answers.add(planned(channels.get(i), (Since.After) since.get(i), limit, reads.get(i), asked));
                        }
                        return answers;
                    });
        }
        return plan(channels, since, limit).chain(plans -> fetch(plans, leases).map(pages -> {
            List<PlannedPage> answers = new ArrayList<>(plans.size());
            for (int i = 0; i < plans.size(); i++) {
                answers.add(new PlannedPage(plans.get(i), pages.get(i)));
            }
            return answers;
        }));
    }

    /** The requests of one combined read, or null when a cursor is not a seq or every channel is probably caught up. */
    private List<PageRead.Request> pageRequests(List<ChannelName> channels, List<Since> since, int limit) {
        boolean behind = false;
        List<PageRead.Request> requests = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            if (!(since.get(i) instanceof Since.After after)) {
                return null;
            }
            behind |= !hints.probablyCaughtUp(channels.get(i).value(), after.seq());
            requests.add(PageRead.Request.of(channels.get(i), after, limit, hints.lastSeen(channels.get(i).value())));
        }
        return behind ? requests : null;
    }

    /** The plan the head gives (a 410 for an expired cursor, as ever), and the page the same snapshot held. */
    private PlannedPage planned(ChannelName channel, Since.After since, int limit, PageRead read, long asked) {
        saw(channel, read.head(), asked);
        PagePlan plan = PagePlan.of(channel, read.head(), since, limit);
        return new PlannedPage(plan,
                page(plan, plan.hasEvents() ? remember(plan, checked(plan, read.events()), asked) : List.of()));
    }

    /** Events read are kept for the polls that will ask for them again (RecentEvents). */
    private List<StoredEvent> remember(PagePlan plan, List<StoredEvent> events, long asked) {
        if (recent.enabled()) {
            recent.read(plan.channel().value(), events, asked);
        }
        return events;
    }

    /** A page and the plan it was read by (the ETag is the plan's). */
    private record PlannedPage(PagePlan plan, ChannelPage page) {
    }

    /** The plan's page, or a shorter one when the read stopped at the byte budget (ResponseBudget cuts it exactly). */
    private static ChannelPage page(PagePlan plan, List<StoredEvent> events) {
        if (events.size() < plan.expectedEvents()) {
            return new ChannelPage(plan.channel(), events, events.get(events.size() - 1).seq(), true);
        }
        return new ChannelPage(plan.channel(), events, plan.next(), plan.more());
    }

    /**
     * Seqs up to the head are committed and gapless, so every planned event exists unless retention removed it
     * between the two reads; the body must then not pretend otherwise (its ETag promised those events). Retention
     * removes a channel's first events; the byte budget its last ones, and never the first.
     */
    private static List<StoredEvent> checked(PagePlan plan, List<StoredEvent> events) {
        boolean complete = events.size() == plan.expectedEvents();
        boolean cutByBytes = !events.isEmpty() && events.size() < plan.expectedEvents()
                && events.get(0).seq() == plan.after() + 1;
        if (!complete && !cutByBytes) {
            throw Unavailable.of("concurrent-prune", "Retry",
                    "Events of channel '" + plan.channel() + "' were pruned while this poll read them; poll again.", 1);
        }
        return events;
    }
}
