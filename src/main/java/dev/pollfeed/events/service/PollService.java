package dev.pollfeed.events.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.events.repository.PollRepository;
import dev.pollfeed.problem.Problem;

/**
 * Answers polls in two steps so that the common case stays cheap: {@code plan} reads only channel heads (enough for
 * the ETag, so a matching {@code If-None-Match} ends there), {@code fetch} reads the events a plan names.
 */
@ApplicationScoped
public class PollService {

    private final PollRepository repository;

    PollService(PollRepository repository) {
        this.repository = repository;
    }

    public Uni<PagePlan> plan(ChannelName channel, Since since, int limit) {
        return repository.head(channel).map(head -> PagePlan.of(channel, head, since, limit));
    }

    /** One read for all channels' heads. */
    public Uni<List<PagePlan>> plan(List<ChannelName> channels, List<Since> since, int limit) {
        return repository.heads(channels).map(heads -> {
            List<PagePlan> plans = new ArrayList<>(channels.size());
            for (int i = 0; i < channels.size(); i++) {
                plans.add(PagePlan.of(channels.get(i), heads.get(i), since.get(i), limit));
            }
            return plans;
        });
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

    private static ChannelPage page(PagePlan plan, List<StoredEvent> events) {
        return new ChannelPage(plan.channel(), events, plan.next(), plan.more());
    }

    /**
     * Seqs up to the head are committed and gapless, so every planned event exists unless retention removed it
     * between the two reads; the body must then not pretend otherwise (its ETag promised those events).
     */
    private static List<StoredEvent> checked(PagePlan plan, List<StoredEvent> events) {
        if (events.size() != plan.expectedEvents()) {
            throw Problem.of(503, "concurrent-prune", "Retry",
                    "Events of channel '" + plan.channel() + "' were pruned while this poll read them; poll again.")
                    .withHeader("Retry-After", "1");
        }
        return events;
    }
}
