package dev.pollfeed.security.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.testing.Api;

/**
 * Unknown API keys cost no database work: their ids fail the tag check in memory. A flood of them neither reaches
 * PostgreSQL nor pushes a valid key out of the cache; keys made before ids were tagged keep working.
 */
@QuarkusTest
class CredentialFloodTest {

    private static final Logger LOG = Logger.getLogger(CredentialFloodTest.class);
    private static final int FLOOD = 1000;

    @Inject
    AgroalDataSource database;

    @Inject
    KeyIdTags tags;

    @Test
    void unknownKeysAreRefusedWithoutAStatement() throws Exception {
        String channel = Api.channel("flood");
        String valid = Api.request()
                .contentType("application/json")
                .body("{\"name\":\"flood\",\"scopes\":[\"publish:" + channel + "\"]}")
                .post("/v1/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        publishWith(valid, channel, 201);
        long before = keyReads(11_000); // a backend that goes idle flushes its statistics within 10 s
        for (int i = 0; i < FLOOD; i++) {
            publishWith(ApiKeyFormat.generate().key(), channel, 401);
        }
        long reads = keyReads(1500) - before;
        LOG.infof("%d unknown API keys caused %d reads of the keys table", FLOOD, reads);
        assertTrue(reads <= 2, reads + " reads of api_keys for " + FLOOD + " unknown keys");
        publishWith(valid, channel, 201);
    }

    @Test
    void keysMadeBeforeIdsWereTaggedKeepWorking() throws Exception {
        String channel = Api.channel("legacy");
        ApiKeyFormat.NewKey legacy = ApiKeyFormat.generate();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys (id, name, hash, scopes,"
                        + " created_at) VALUES (?, 'legacy', ?, ?, now())")) {
            insert.setString(1, legacy.id());
            insert.setBytes(2, ApiKeyFormat.sha256(legacy.key()));
            insert.setString(3, "publish:" + channel);
            insert.executeUpdate();
        }
        tags.reload();
        publishWith(legacy.key(), channel, 201);
    }

    private static void publishWith(String key, String channel, int status) {
        RestAssured.given()
                .header("Authorization", "Bearer " + key)
                .contentType("application/json")
                .body("{\"data\":1}")
                .post("/v1/channels/" + channel + "/events")
                .then()
                .statusCode(status);
    }

    /**
     * Scans of the keys table so far: every key lookup is one (an index scan by id), and nothing else reads it while
     * this runs (autovacuum's transactions would blur a count of transactions).
     */
    private long keyReads(long settleMillis) throws Exception {
        Thread.sleep(settleMillis);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(idx_scan, 0) + coalesce(seq_scan, 0)"
                    + " FROM pg_stat_user_tables WHERE relname = 'api_keys'")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
