package dev.pollfeed.events.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pollfeed.db.PageMemory;
import dev.pollfeed.events.domain.EventRange;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.repository.PollRepository;
import dev.pollfeed.kernel.ChannelName;

/** The {@link PageMemory} leases of polls about to read events, sized by the most their pages can take. */
@ApplicationScoped
public class PageReservations {

    private final PollRepository repository;
    private final PageMemory memory;

    PageReservations(PollRepository repository, PageMemory memory) {
        this.repository = repository;
        this.memory = memory;
    }

    /** Before heads and events are read together: up to {@code limit} events after each cursor. */
    public PageMemory.Lease forCursors(List<ChannelName> channels, List<Since> since, int limit) {
        List<EventRange> ranges = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            long after = since.get(i) instanceof Since.After cursor ? cursor.seq() : 0;
            long rows = since.get(i) instanceof Since.After ? limit : 0;
            ranges.add(new PagePlan(channels.get(i), after, after + rows, false));
        }
        return memory.lease(repository.mostBytes(ranges));
    }

    /** Before the events the plans name are read. */
    public PageMemory.Lease forPlans(List<PagePlan> plans) {
        return memory.lease(repository.mostBytes(plans));
    }
}
