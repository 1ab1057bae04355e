package dev.pollfeed.events.service;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.db.PageMemory;

/**
 * Holds a poll's {@link PageMemory} lease for as long as its answer lives: the caller knows when the response ends
 * and gives the bytes back then (bench/README.md, Faults).
 */
@FunctionalInterface
public interface PageLeases {

    /** For callers whose answers are not written anywhere (tests): nothing is reserved. */
    PageLeases NONE = lease -> {
        lease.close();
        return Uni.createFrom().voidItem();
    };

    /** Completes once the lease's bytes are reserved; fails with the 503 {@code overloaded} when refused. */
    Uni<Void> hold(PageMemory.Lease lease);
}
