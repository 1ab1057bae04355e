package dev.pollfeed.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @AfterEach
    void everyRequestAgain() {
        AccessLog.sampleEvery(1);
    }

    @Test
    void oneRequestInNIsLoggedAndEveryServerErrorIs() {
        AccessLog.sampleEvery(100);
        assertEquals(3, IntStream.range(0, 300).filter(i -> AccessLog.logged(200)).count());
        assertTrue(IntStream.range(0, 10).allMatch(i -> AccessLog.logged(503)));
    }

    @Test
    void zeroLogsServerErrorsOnly() {
        AccessLog.sampleEvery(0);
        assertEquals(0, IntStream.range(0, 100).filter(i -> AccessLog.logged(404)).count());
        assertTrue(AccessLog.logged(500));
    }

    @Test
    void theChannelIsReadFromThePathOfRoutesAndResourcesAlike() {
        assertEquals("orders", AccessLog.channel("/v1/channels/orders/events"));
        assertEquals("orders", AccessLog.channel("/v1/channels/orders/stats/series"));
        assertNull(AccessLog.channel("/v1/events"));
        assertNull(AccessLog.channel("/v1/channels/orders"));
        assertNull(AccessLog.channel(null));
    }
}
