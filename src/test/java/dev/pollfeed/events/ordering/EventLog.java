package dev.pollfeed.events.ordering;

import java.util.List;

/** A system under check: something writers append to and pollers follow with a cursor. */
interface EventLog {

    /**
     * Writes the events (identified by {@code ids}) to a channel in one transaction, holding it open for
     * {@code holdMillis} before committing, or rolling it back. Returns once committed or rolled back.
     */
    void write(String channel, List<String> ids, int holdMillis, boolean rollback) throws Exception;

    /**
     * Writes the events in a transaction left open after their insert; returns once they are inserted. The forced
     * late commit ({@link LateCommits}) is built from these.
     */
    OpenWrite begin(String channel, List<String> ids) throws Exception;

    /**
     * Writes the events and commits them while another write is held open, in a transaction of its own (so not in a
     * statement shared with others).
     */
    void writeBeside(String channel, List<String> ids) throws Exception;

    /** Whether a {@link #writeBeside} is waiting now for a lock the open write's transaction holds. */
    boolean besideWaitsFor(OpenWrite open) throws Exception;

    /** What a poller at {@code cursor} gets: events with their cursors ascending, and the cursor to continue from. */
    Page poll(String channel, long cursor, int limit) throws Exception;

    /**
     * The same poll, while a write is held open: it must not wait behind other requests to the API (the Lambda test
     * transport answers one request at a time, and a publish that shares the held write's statement occupies it).
     */
    default Page pollWhileHeld(String channel, long cursor, int limit) throws Exception {
        return poll(channel, cursor, limit);
    }

    /** Whether cursors are promised to be gapless (1, 2, 3, …) per channel. */
    boolean gapless();

    /** A write inserted and not yet committed. */
    interface OpenWrite {

        /** Commits it; returns once committed. */
        void commit() throws Exception;
    }

    record Seen(long cursor, String id) {
    }

    record Page(List<Seen> events, long next) {
    }
}
