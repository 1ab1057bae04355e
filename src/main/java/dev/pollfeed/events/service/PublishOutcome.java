package dev.pollfeed.events.service;

import java.util.List;

import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.kernel.ChannelName;

/** The events a publish stored, or, for a retried {@code Idempotency-Key}, the events its first attempt stored. */
public record PublishOutcome(ChannelName channel, List<StoredEvent> events, boolean replayed) {
}
