package dev.pollfeed.security.rest;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;

/** Key management: a key is shown once, stored as a hash, works at once, lists without secrets and dies on revoke. */
@QuarkusTest
@TestProfile(SecureProfile.class)
class ApiKeysResourceTest {

    @Inject
    AgroalDataSource database;

    private static Response create(String body) {
        return Api.request().contentType("application/json").body(body).post("/v1/keys");
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndWorksAtOnce() throws Exception {
        Response created = create("{\"name\":\"orders service\",\"scopes\":[\"publish:orders.*\",\"read:orders.*\"]}");
        created.then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("key", matchesPattern("pfk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}"))
                .body("name", equalTo("orders service"))
                .body("scopes", equalTo(List.of("publish:orders.*", "read:orders.*")))
                .body("ratePerSecond", nullValue())
                .body("createdAt", matchesPattern(Api.TIME));
        String key = created.path("key");
        String id = created.path("id");
        assertEquals("/v1/keys/" + id, URI.create(created.header("Location")).getPath());

        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT * FROM api_keys WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)),
                        row.getBytes("hash"));
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    assertFalse(value != null && value.toString().contains(key.substring(17)),
                            "the secret is stored in " + row.getMetaData().getColumnName(column));
                }
                assertEquals(null, row.getTimestamp("last_used_at"));
            }
        }

        Api.anonymous()
                .header("Authorization", "Bearer " + key)
                .contentType("application/json")
                .body("{\"data\":1}")
                .post("/v1/channels/orders.eu/events")
                .then()
                .statusCode(201);
        Response polled = Api.anonymous()
                .header("Authorization", "Bearer " + key)
                .get("/v1/channels/orders.eu/events?since=0");
        polled.then().statusCode(200).body("events.size()", equalTo(1));
        assertEquals("private, max-age=1", Api.header(polled, "Cache-Control"));
        assertEquals("Authorization, Origin", Api.header(polled, "Vary"));
        assertNotNull(lastUsed(id), "last use is recorded");
    }

    @Test
    void listingShowsEverythingButTheSecret() {
        String key = create("{\"name\":\"lister\",\"scopes\":[\"read:l\"],\"ratePerSecond\":7}").path("key");
        Response listed = Api.request().get("/v1/keys");
        listed.then().statusCode(200).header("Cache-Control", "no-store");
        assertFalse(listed.asString().contains(key.substring(17)), "a listing never carries a secret");
        assertFalse(listed.asString().contains("hash"));
        List<Map<String, Object>> keys = listed.jsonPath().getList("keys");
        Map<String, Object> mine = keys.stream()
                .filter(k -> k.get("id").equals(key.substring(4, 16)))
                .findFirst()
                .orElseThrow();
        assertEquals("lister", mine.get("name"));
        assertEquals(List.of("read:l"), mine.get("scopes"));
        assertEquals(7, mine.get("ratePerSecond"));
        assertEquals(null, mine.get("revokedAt"));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndRevokingAgainIsHarmless() {
        String key = create("{\"name\":\"short-lived\",\"scopes\":[\"publish:rv.*\"]}").path("key");
        String id = key.substring(4, 16);
        Api.anonymous()
                .header("Authorization", "Bearer " + key)
                .contentType("application/json")
                .body("{\"data\":1}")
                .post("/v1/channels/rv.1/events")
                .then()
                .statusCode(201);
        Api.request().delete("/v1/keys/" + id).then().statusCode(204);
        assertProblem(Api.anonymous()
                .header("Authorization", "Bearer " + key)
                .contentType("application/json")
                .body("{\"data\":2}")
                .post("/v1/channels/rv.1/events"), 401);
        Api.request().delete("/v1/keys/" + id).then().statusCode(204);
        assertProblem(Api.request().delete("/v1/keys/zzzzzzzzzzzz"), 404);
        assertProblem(Api.request().delete("/v1/keys/..%2F..%2Fchannels"), 404);
        Api.request()
                .get("/v1/keys")
                .then()
                .body("keys.find { it.id == '" + id + "' }.revokedAt",
                        matchesPattern(Api.TIME));
    }

    @Test
    void aKeyWithTheAdminScopeManagesKeysAndAGuessedOneDoesNot() {
        String admin = create("{\"name\":\"ops\",\"scopes\":[\"admin\"]}").path("key");
        Api.anonymous().header("Authorization", "Bearer " + admin).get("/v1/keys").then().statusCode(200);
        // Same id, different secret: the id alone proves nothing.
        String forged = admin.substring(0, 17) + (admin.charAt(17) == 'A' ? 'B' : 'A') + admin.substring(18);
        assertProblem(Api.anonymous().header("Authorization", "Bearer " + forged).get("/v1/keys"), 401);
    }

    @Test
    void badRequestsCreateNothing() {
        int before = Api.request().get("/v1/keys").jsonPath().getList("keys").size();
        for (String body : List.of("", "[]", "null", "{", "{\"name\":\"x\"}", "{\"scopes\":[\"read:a\"]}",
                "{\"name\":\"\",\"scopes\":[\"read:a\"]}", "{\"name\":\"x\",\"scopes\":[]}",
                "{\"name\":\"x\",\"scopes\":\"read:a\"}", "{\"name\":\"x\",\"scopes\":[1]}",
                "{\"name\":\"x\",\"scopes\":[\"write:a\"]}", "{\"name\":\"x\",\"scopes\":[\"read:a*b\"]}",
                "{\"name\":\"x\",\"scopes\":[\"read:%2F\"]}", "{\"name\":\"x\",\"scopes\":[\"read:..\"]}",
                "{\"name\":\"x\",\"scopes\":[\"read:a\"],\"admin\":true}",
                "{\"name\":\"x\",\"scopes\":[\"read:a\"],\"scopes\":[\"admin\"]}",
                "{\"name\":\"x\",\"scopes\":[\"read:a\"]} {\"name\":\"y\"}",
                "{\"name\":\"x\",\"scopes\":[\"read:a\"],\"ratePerSecond\":0}",
                "{\"name\":\"x\",\"scopes\":[\"read:a\"],\"ratePerSecond\":1.5}",
                "{\"name\":\"x\",\"scopes\":[\"read:a\"],\"ratePerSecond\":\"9\"}",
                "{\"name\":\"a\\u0000b\",\"scopes\":[\"read:a\"]}", "{\"name\":\"" + "n".repeat(101)
                        + "\",\"scopes\":[\"read:a\"]}")) {
            assertProblem(create(body), 400);
        }
        assertProblem(create("{\"name\":\"x\",\"scopes\":[\"read:" + "a".repeat(20_000) + "\"]}"), 413);
        assertEquals(before, Api.request().get("/v1/keys").jsonPath().getList("keys").size());
    }

    private Object lastUsed(String id) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT last_used_at FROM api_keys WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getObject(1);
            }
        }
    }
}
