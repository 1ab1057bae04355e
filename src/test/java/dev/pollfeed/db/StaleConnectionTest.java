package dev.pollfeed.db;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.pollfeed.testing.BreakableProxy;
import dev.pollfeed.testing.TestDatabase;

/**
 * A pooled connection that died between two requests (what a Lambda environment meets after a freeze, an RDS Proxy
 * idle timeout or a failover) must not fail the next poll. Polls read through the {@code reader} datasource here,
 * routed through a proxy that can break connections without telling the client, so that the death is only discovered
 * mid-query, as after a thaw.
 */
@QuarkusTest
@TestProfile(StaleConnectionTest.ThroughProxy.class)
class StaleConnectionTest {

    static final BreakableProxy PROXY = startProxy();

    public static class ThroughProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // Every poll must read the database to meet the broken connection: no pages from memory (RecentEvents).
            return Map.of("quarkus.datasource.reader.reactive.url",
                    "postgresql://localhost:" + PROXY.port() + "/" + TestDatabase.name(),
                    "pollfeed.polling.recent-events-bytes", "0");
        }
    }

    @Inject
    AgroalDataSource database;

    @Test
    void pollAfterTheConnectionDiedSilentlyIsRetriedOnAFreshOne() {
        String channel = channel("frozen");
        publish(channel, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        for (int round = 0; round < 5; round++) {
            poll(channel, "since=0").then().statusCode(200).body("events.seq", contains(1, 2));
            assertTrue(PROXY.breakAll() > 0, "the reader pool should hold a connection through the proxy");
            poll(channel, "since=0").then().statusCode(200).body("events.seq", contains(1, 2));
            poll(channel, "since=2").then().statusCode(200).body("events.size()", equalTo(0));
        }
    }

    @Test
    void pollAfterTheBackendWasTerminatedStillSucceeds() throws Exception {
        String channel = channel("terminated");
        publish(channel, "{\"data\":1}").then().statusCode(201);
        for (int round = 0; round < 5; round++) {
            poll(channel, "since=0").then().statusCode(200).body("next", equalTo(1));
            assertTrue(terminateServiceConnections() > 0, "the service should hold a pooled connection");
            poll(channel, "since=0").then().statusCode(200).body("next", equalTo(1));
            publish(channel("after-terminate"), "{\"data\":1}").then().statusCode(201);
        }
    }

    private int terminateServiceConnections() throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement terminate = connection.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE application_name LIKE 'pollfeed%' AND datname = current_database() AND pid <> pg_backend_pid()")) {
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static BreakableProxy startProxy() {
        try {
            return new BreakableProxy(TestDatabase::address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
