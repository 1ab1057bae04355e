package dev.pollfeed.events.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.db.DatabaseFailures;
import dev.pollfeed.db.DatabaseGate;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.events.repository.PublishRepository;
import dev.pollfeed.events.repository.PublishRepository.Replay;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.Refusal;

/**
 * Publishes events: one transaction that claims the idempotency key (if any), takes the channel's next seqs and
 * inserts the batch, so a batch is all-or-nothing and commit order equals seq order within a channel.
 */
@ApplicationScoped
public class PublishService {

    private final PublishRepository repository;
    private final DatabaseGate gate;
    private final HeadCache heads;

    PublishService(PublishRepository repository, DatabaseGate gate, HeadCache heads) {
        this.repository = repository;
        this.gate = gate;
        this.heads = heads;
    }

    public Uni<PublishOutcome> publish(ChannelName channel, List<NewEvent> events, Optional<String> idempotencyKey) {
        return gate.within(stored(channel, events, idempotencyKey))
                .onFailure(DatabaseFailures::outcomeUnknown)
                .transform(failure -> UnknownOutcome.of(channel, idempotencyKey, failure));
    }

    private Uni<PublishOutcome> stored(ChannelName channel, List<NewEvent> events, Optional<String> idempotencyKey) {
        String batch = BatchJson.of(events);
        long sent = heads.now();
        if (idempotencyKey.isEmpty()) {
            return repository.store(channel, events.size(), batch)
                    .map(stored -> stored(channel, stored, sent));
        }
        return repository.storeOnce(channel, events.size(), batch, idempotencyKey.get()).map(outcome -> {
            if (outcome.replay().isEmpty()) {
                return stored(channel, outcome.stored(), sent);
            }
            Replay replay = outcome.replay().get();
            if (!replay.sameRequest()) {
                throw Refusal.of(Refusal.Reason.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was already used on channel '" + channel
                                + "' with a different request. Use a new key for a new request.");
            }
            return new PublishOutcome(channel, replay.events(), true);
        });
    }

    /** A poll on this instance sees the publish at once: the head it set is the channel's as of its commit. */
    private PublishOutcome stored(ChannelName channel, List<StoredEvent> stored, long sent) {
        if (!stored.isEmpty()) {
            heads.published(channel.value(), stored.get(stored.size() - 1).seq(), sent);
        }
        return new PublishOutcome(channel, stored, false);
    }
}
