package dev.pollfeed.retention;

import java.time.Duration;

/** How long one channel keeps its events: both limits apply, whichever removes more. */
public record RetentionPolicy(Duration maxAge, long maxEvents) {
}
