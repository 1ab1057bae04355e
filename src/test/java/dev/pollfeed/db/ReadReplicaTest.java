package dev.pollfeed.db;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Polls read the {@code reader} datasource when one is configured, writes go to the primary. Here both are
 * connections to one database, told apart by their application_name in pg_stat_activity.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.WithReader.class)
class ReadReplicaTest {

    public static class WithReader implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reader.reactive.url", "${quarkus.datasource.reactive.url}");
        }
    }

    @Inject
    AgroalDataSource database;

    @Test
    void pollsReadTheReplicaAndWritesGoToThePrimary() throws Exception {
        String channel = channel("replica");
        long readerBefore = connections("pollfeed-reader");
        publish(channel, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        poll(channel, "since=0").then().statusCode(200).body("events.seq", contains(1, 2));
        poll(channel, "since=2").then().statusCode(200).body("events.size()", equalTo(0)).body("next", equalTo(2));
        assertTrue(connections("pollfeed-reader") >= Math.max(1, readerBefore), "polls must open reader connections");
        assertTrue(connections("pollfeed") >= 1, "the publish must use a primary connection");
    }

    private long connections(String applicationName) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()")) {
            count.setString(1, applicationName);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
