package dev.pollfeed.events.ordering;

import java.util.List;

/** A system under check: something writers append to and pollers follow with a cursor. */
interface EventLog {

    /**
     * Writes the events (identified by {@code ids}) to a channel in one transaction, holding it open for
     * {@code holdMillis} before committing, or rolling it back. Returns once committed or rolled back.
     */
    void write(String channel, List<String> ids, int holdMillis, boolean rollback) throws Exception;

    /** What a poller at {@code cursor} gets: events with their cursors ascending, and the cursor to continue from. */
    Page poll(String channel, long cursor, int limit) throws Exception;

    /** Whether cursors are promised to be gapless (1, 2, 3, …) per channel. */
    boolean gapless();

    record Seen(long cursor, String id) {
    }

    record Page(List<Seen> events, long next) {
    }
}
