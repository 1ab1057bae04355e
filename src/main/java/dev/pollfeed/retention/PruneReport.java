package dev.pollfeed.retention;

/** What one pruning run removed, and whether it stopped early because its time budget ran out. */
public record PruneReport(long channelsVisited, long eventsDeleted, long countersDeleted, long keysDeleted,
        boolean budgetExhausted, long millis) {
}
