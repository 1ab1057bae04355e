package dev.pollfeed.events.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.domain.ChannelHead;
import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.PageRead;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.events.repository.PollRepository;
import dev.pollfeed.events.service.HeadCache.Use;
import dev.pollfeed.problem.Problem;

/**
 * Answers polls in two steps so that the common case stays cheap: {@code plan} reads only channel heads (enough for
 * the ETag, so a matching {@code If-None-Match} ends there), {@code fetch} reads the events a plan names.
 */
@ApplicationScoped
public class PollService {

    private final PollRepository repository;
    private final HeadHints hints;
    private final ChannelActivity activity;
    private final HeadCache cache;

    PollService(PollRepository repository, HeadHints hints, ChannelActivity activity, HeadCache cache) {
        this.repository = repository;
        this.hints = hints;
        this.activity = activity;
        this.cache = cache;
    }

    /** The plan from the head in memory when the poll is caught up with a fresh one ({@link HeadCache}). */
    public Uni<PagePlan> plan(ChannelName channel, Since since, int limit) {
        return switch (use(List.of(channel), List.of(since))) {
            case MEMORY -> Uni.createFrom().item(caughtUp(channel, since));
            case AFTER_REFRESH -> cache.refreshed()
                    .chain(() -> use(List.of(channel), List.of(since)) == Use.MEMORY
                            ? Uni.createFrom().item(caughtUp(channel, since))
                            : read(channel, since, limit));
            case DATABASE -> read(channel, since, limit);
        };
    }

    private Uni<PagePlan> read(ChannelName channel, Since since, int limit) {
        long asked = cache.now();
        return repository.head(channel).map(head -> {
            saw(channel, head, asked);
            return PagePlan.of(channel, head, since, limit);
        });
    }

    /** One read for all channels' heads, or none when every one is caught up with a fresh head in memory. */
    public Uni<List<PagePlan>> plan(List<ChannelName> channels, List<Since> since, int limit) {
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

    public Uni<ChannelPage> fetch(PagePlan plan) {
        if (!plan.hasEvents()) {
            return Uni.createFrom().item(page(plan, List.of()));
        }
        return repository.events(plan).map(events -> page(plan, checked(plan, events)));
    }

    /** One read for the events of every plan that has any. */
    public Uni<List<ChannelPage>> fetch(List<PagePlan> plans) {
        List<PagePlan> withEvents = plans.stream().filter(PagePlan::hasEvents).toList();
        if (withEvents.isEmpty()) {
            return Uni.createFrom().item(plans.stream().map(plan -> page(plan, List.of())).toList());
        }
        return repository.events(withEvents).map(events -> {
            List<ChannelPage> pages = new ArrayList<>(plans.size());
            int next = 0;
            for (PagePlan plan : plans) {
                pages.add(page(plan, plan.hasEvents() ? checked(plan, events.get(next++)) : List.of()));
            }
            return pages;
        });
    }

    /** True when the head last seen here lies beyond the cursor: the poll will get events (HeadHints). */
    public boolean probablyBehind(ChannelName channel, Since since) {
        return since instanceof Since.After after && !hints.probablyCaughtUp(channel.value(), after.seq());
    }

    /**
     * A poll without {@code If-None-Match}, which answers 200 whatever the head is, or a conditional one that will
     * probably get events (its ETag is checked against the page's afterwards). A poll that is probably caught up
     * ({@link HeadHints}) reads the head alone, the cheapest statement there is; one that will get events reads head
     * and events in one statement instead of two in a row.
     */
    public Uni<PlannedPage> answer(ChannelName channel, Since since, int limit) {
        if (since instanceof Since.After after && !hints.probablyCaughtUp(channel.value(), after.seq())) {
            long asked = cache.now();
            return repository.pages(List.of(PageRead.Request.of(channel, after, limit, hints.lastSeen(channel.value()))))
                    .map(read -> planned(channel, after, limit, read.get(0), asked));
        }
        return plan(channel, since, limit).chain(plan -> fetch(plan).map(page -> new PlannedPage(plan, page)));
    }

    /**
     * The same for several channels, in their order. When a channel is probably behind, heads and events come in one
     * statement (one round trip instead of two: docs/decisions/0005-poll-statements.md); when all are probably caught
     * up, the heads alone answer.
     */
    public Uni<List<PlannedPage>> answer(List<ChannelName> channels, List<Since> since, int limit) {
        List<PageRead.Request> requests = pageRequests(channels, since, limit);
        if (requests != null) {
            long asked = cache.now();
            return repository.pages(requests).map(reads -> {
                List<PlannedPage> answers = new ArrayList<>(reads.size());
                for (int i = 0; i < reads.size(); i++) {
                    answers.add(planned(channels.get(i), (Since.After) since.get(i), limit, reads.get(i), asked));
                }
                return answers;
            });
        }
        return plan(channels, since, limit).chain(plans -> fetch(plans).map(pages -> {
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
        return new PlannedPage(plan, page(plan, plan.hasEvents() ? checked(plan, read.events()) : List.of()));
    }

    /** A page and the plan it was read by (the ETag is the plan's). */
    public record PlannedPage(PagePlan plan, ChannelPage page) {
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
            throw Problem.of(503, "concurrent-prune", "Retry",
                    "Events of channel '" + plan.channel() + "' were pruned while this poll read them; poll again.")
                    .withHeader("Retry-After", "1");
        }
        return events;
    }
}
