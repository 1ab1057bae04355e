package dev.pollfeed.events.service;

import java.util.Optional;

import org.jboss.logging.Logger;

import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.Unavailable;

/**
 * The answer to a publish whose connection broke (or whose deadline passed) after its statement was sent: PostgreSQL
 * may have committed it. The client is told so, and what a retry does: with the same Idempotency-Key it stores the
 * events once or replays them; without one it may store them twice (docs/protocol.md, section 7).
 */
final class UnknownOutcome {

    private static final Logger LOG = Logger.getLogger(UnknownOutcome.class);

    private UnknownOutcome() {
    }

    static Unavailable of(ChannelName channel, Optional<String> idempotencyKey, Throwable cause) {
        String detail = "The database connection was lost after this publish to channel '" + channel
                + "' was sent, so it may or may not have been stored. ";
        detail += idempotencyKey.isPresent()
                ? "Retrying with the same Idempotency-Key is safe: the events are stored once, or the first request's"
                        + " result is replayed."
                : "A retry may store the events twice: publish with an Idempotency-Key to retry safely, or poll the"
                        + " channel from your last cursor to see whether they were stored.";
        Unavailable unknown = Unavailable.of("outcome-unknown", "Publish outcome unknown", detail, 1)
                .with("outcome", "unknown")
                .with("retrySafe", idempotencyKey.isPresent());
        LOG.warnf("Publish to %s with unknown outcome: %s", channel, cause.toString());
        return unknown;
    }
}
