package dev.pollfeed.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import dev.pollfeed.kernel.Unavailable;

class PageMemoryTest {

    private static final long MIB = 1 << 20;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Void> acquire(PageMemory.Lease lease, long waitMillis) {
        return lease.acquire(waitMillis).subscribeAsCompletionStage();
    }

    /** The overloaded fault (503 with Retry-After: 1 on the wire) that a refused or expired wait fails with. */
    private static void assertOverloaded(CompletableFuture<Void> wait) throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> wait.get(5, TimeUnit.SECONDS));
        Unavailable fault = (Unavailable) failure.getCause();
        assertEquals("overloaded", fault.slug());
        assertEquals(1, fault.retryAfterSeconds());
    }

    @Test
    void grantsWithinTheBoundAndQueuesBeyondItInOrder() throws Exception {
        PageMemory memory = new PageMemory(vertx, 4 * MIB, 10);
        PageMemory.Lease first = memory.lease(3 * MIB);
        acquire(first, 1000).get(5, TimeUnit.SECONDS);
        PageMemory.Lease second = memory.lease(2 * MIB);
        PageMemory.Lease third = memory.lease(1 * MIB);
        CompletableFuture<Void> secondWait = acquire(second, 5000);
        CompletableFuture<Void> thirdWait = acquire(third, 5000);
        // The third would fit, but waits its turn behind the second: no large page starves behind small ones.
        assertFalse(secondWait.isDone());
        assertFalse(thirdWait.isDone());
        assertEquals(2, memory.waiting());
        first.close();
        secondWait.get(5, TimeUnit.SECONDS);
        thirdWait.get(5, TimeUnit.SECONDS);
        assertEquals(3 * MIB, memory.reserved());
        second.close();
        third.close();
        third.close(); // twice is harmless
        assertEquals(0, memory.reserved());
    }

    @Test
    void aPageLargerThanTheBoundGoesWhenNothingIsReserved() throws Exception {
        PageMemory memory = new PageMemory(vertx, 1 * MIB, 10);
        PageMemory.Lease huge = memory.lease(3 * MIB);
        acquire(huge, 1000).get(5, TimeUnit.SECONDS);
        PageMemory.Lease next = memory.lease(3 * MIB);
        CompletableFuture<Void> wait = acquire(next, 5000);
        assertFalse(wait.isDone());
        huge.close();
        wait.get(5, TimeUnit.SECONDS);
        next.close();
        assertEquals(0, memory.reserved());
    }

    @Test
    void refusesAtOnceBeyondTheQueueBound() throws Exception {
        PageMemory memory = new PageMemory(vertx, 1 * MIB, 1);
        PageMemory.Lease held = memory.lease(MIB);
        acquire(held, 1000).get(5, TimeUnit.SECONDS);
        PageMemory.Lease waiting = memory.lease(MIB);
        CompletableFuture<Void> queued = acquire(waiting, 5000);
        PageMemory.Lease refused = memory.lease(MIB);
        assertOverloaded(acquire(refused, 5000));
        refused.close();
        assertEquals(1, memory.waiting());
        held.close();
        queued.get(5, TimeUnit.SECONDS);
        waiting.close();
        assertEquals(0, memory.reserved());
        assertEquals(0, memory.waiting());
    }

    @Test
    void aWaitEndsAtItsDeadlineAndLeavesNothingBehind() throws Exception {
        PageMemory memory = new PageMemory(vertx, 1 * MIB, 10);
        PageMemory.Lease held = memory.lease(MIB);
        acquire(held, 1000).get(5, TimeUnit.SECONDS);
        PageMemory.Lease late = memory.lease(MIB);
        long started = System.nanoTime();
        assertOverloaded(acquire(late, 200));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(150));
        assertEquals(0, memory.waiting());
        late.close(); // the response of the refused poll ends: nothing to give back
        held.close();
        assertEquals(0, memory.reserved());
    }

    @Test
    void aResponseEndingWhileItsPollWaitsWithdrawsItsWait() throws Exception {
        PageMemory memory = new PageMemory(vertx, 1 * MIB, 10);
        PageMemory.Lease held = memory.lease(MIB);
        acquire(held, 1000).get(5, TimeUnit.SECONDS);
        PageMemory.Lease abandoned = memory.lease(MIB);
        CompletableFuture<Void> wait = acquire(abandoned, 5000);
        abandoned.close(); // the request's deadline answered it, or its client went away
        assertEquals(0, memory.waiting());
        held.close();
        assertEquals(0, memory.reserved());
        assertFalse(wait.isDone());
        // A lease whose response already ended is never granted.
        PageMemory.Lease ended = memory.lease(MIB);
        ended.close();
        assertOverloaded(acquire(ended, 1000));
        assertEquals(0, memory.reserved());
    }

    @Test
    void emptyPagesAndAnUnboundedGateNeverWait() throws Exception {
        PageMemory memory = new PageMemory(vertx, 1 * MIB, 0);
        PageMemory.Lease held = memory.lease(MIB);
        acquire(held, 1000).get(5, TimeUnit.SECONDS);
        acquire(memory.lease(0), 0).get(5, TimeUnit.SECONDS);
        PageMemory unbounded = new PageMemory(vertx, 0, 0);
        for (int i = 0; i < 100; i++) {
            acquire(unbounded.lease(2 * MIB), 0).get(5, TimeUnit.SECONDS);
        }
        held.close();
        assertEquals(0, memory.reserved());
    }
}
