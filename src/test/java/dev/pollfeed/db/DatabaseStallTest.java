package dev.pollfeed.db;

import static dev.pollfeed.testing.Api.anonymous;
import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.head;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A stalled database (its tables locked by another session): polls and publishes are answered 503 with
 * {@code Retry-After} within the deadline (5 s) plus a small margin, PostgreSQL cancels the statements (4.5 s), the
 * service reports itself not ready meanwhile, and everything works again once the lock is gone. A publish cancelled by
 * PostgreSQL stored nothing; one whose outcome is unknown says so.
 */
@QuarkusTest
class DatabaseStallTest {

    private static final Logger LOG = Logger.getLogger(DatabaseStallTest.class);
    private static final long DEADLINE_MILLIS = 5000;
    private static final long MARGIN_MILLIS = 1500;

    @Inject
    AgroalDataSource database;

    @Test
    void aStalledDatabaseGets503sWithinTheDeadlineAndNothingHalfStored() throws Exception {
        String name = channel("stall");
        publish(name, "{\"data\":1}").then().statusCode(201);
        String publishType;
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("LOCK TABLE channels, events IN ACCESS EXCLUSIVE MODE");
            try {
                Response polled = timed("poll", () -> poll(name, "since=0"));
                assertProblem(polled, 503);
                assertNotNull(header(polled, "Retry-After"));
                Response published = timed("publish", () -> publish(name, "{\"data\":2}"));
                assertProblem(published, 503);
                assertNotNull(header(published, "Retry-After"));
                publishType = published.jsonPath().getString("type");
                assertTrue(List.of("urn:pollfeed:problem:timeout", "urn:pollfeed:problem:outcome-unknown")
                        .contains(publishType), publishType);
                anonymous().get("/q/health/ready").then().statusCode(503);
            } finally {
                connection.rollback();
            }
        }
        poll(name, "since=0").then().statusCode(200);
        publish(name, "{\"data\":3}").then().statusCode(201);
        long stored = head(name);
        if (publishType.endsWith(":timeout")) {
            assertEquals(2, stored, "the publish PostgreSQL cancelled stored nothing");
        } else {
            assertTrue(stored == 2 || stored == 3, "the publish of unknown outcome stored all or nothing");
        }
        long until = System.currentTimeMillis() + DEADLINE_MILLIS + 3000;
        int ready;
        do {
            Thread.sleep(200);
            ready = anonymous().get("/q/health/ready").statusCode();
        } while (ready != 200 && System.currentTimeMillis() < until);
        assertEquals(200, ready, "ready again after the stall");
    }

    private static Response timed(String what, Supplier<Response> request) {
        long started = System.nanoTime();
        Response response = request.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("%s during a stall answered %d after %d ms", what, response.statusCode(), millis);
        assertTrue(millis < DEADLINE_MILLIS + MARGIN_MILLIS, what + " took " + millis + " ms");
        return response;
    }
}
