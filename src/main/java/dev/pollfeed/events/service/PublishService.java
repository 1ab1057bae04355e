package dev.pollfeed.events.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.repository.PublishRepository;
import dev.pollfeed.problem.Problem;

/**
 * Publishes events: one transaction that claims the idempotency key (if any), takes the channel's next seqs and
 * inserts the batch, so a batch is all-or-nothing and commit order equals seq order within a channel.
 */
@ApplicationScoped
public class PublishService {

    private final PublishRepository repository;

    PublishService(PublishRepository repository) {
        this.repository = repository;
    }

    @WithTransaction
    public Uni<PublishOutcome> publish(ChannelName channel, List<NewEvent> events, Optional<String> idempotencyKey) {
        String request = BatchJson.of(events);
        if (idempotencyKey.isEmpty()) {
            return store(channel, events.size(), request, null);
        }
        String key = idempotencyKey.get();
        // The key is claimed before the channel lock: a racing retry waits here for the first attempt's outcome.
        return repository.claimKey(channel, key, request)
                .chain(claimed -> claimed ? store(channel, events.size(), request, key) : replay(channel, key, request));
    }

    private Uni<PublishOutcome> store(ChannelName channel, int count, String request, String key) {
        return repository.advanceHead(channel, count)
                .chain(head -> repository.insertEvents(channel, head - count + 1, request))
                .chain(stored -> key == null
                        ? Uni.createFrom().item(stored)
                        : repository.completeKey(channel, key, stored.get(0).seq(), stored.get(stored.size() - 1).seq())
                                .replaceWith(stored))
                .map(stored -> new PublishOutcome(channel, stored, false));
    }

    private Uni<PublishOutcome> replay(ChannelName channel, String key, String request) {
        return repository.isSameRequest(channel, key, request).chain(same -> {
            if (!Boolean.TRUE.equals(same)) {
                throw Problem.of(422, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was already used on channel '" + channel
                                + "' with a different request. Use a new key for a new request.");
            }
            return repository.findKey(channel, key)
                    .chain(record -> repository.findEvents(channel, record.firstSeq, record.lastSeq))
                    .map(stored -> new PublishOutcome(channel, stored, true));
        });
    }
}
