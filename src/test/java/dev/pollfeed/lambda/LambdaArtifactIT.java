package dev.pollfeed.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pollfeed.testing.TestKeys;
import dev.pollfeed.testing.Tokens;

/**
 * The built {@code target/function.zip}, unpacked and run under AWS's Java runtime interface client against a Runtime
 * API emulator and a real PostgreSQL, driven by raw API Gateway HTTP API (v2) events. Also the migration step (a
 * one-off invocation of the same zip with {@code POLLFEED_MIGRATION_AT_START=always}), the absence of database
 * connections during init (SnapStart), and a poll after the connection died while the environment was frozen.
 */
class LambdaArtifactIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TARGET = Path.of("target");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The function's bootstrap admin key (POLLFEED_SECURITY_ADMIN_KEY, from Secrets Manager in a deployment). */
    static final String ADMIN_KEY = "e2e-admin-key-0123456789abcdefghijklmnop";

    private static LambdaDatabase database;
    private static String reactiveUrl;
    private static String jdbcUrl;
    private static String user;
    private static String password;
    private static Path taskRoot;
    private static RuntimeApiEmulator runtimeApi;
    private static FunctionProcess function;
    private static long initMillis;
    private static long firstResponseMillis;
    private static Response firstResponse;
    private static long connectionsAtInit;
    private static String connectionsAtInitDescribed;

    @BeforeAll
    static void startDatabaseAndMigrate() throws Exception {
        Path zip = TARGET.resolve("function.zip");
        assumeTrue(Files.exists(zip), "no function.zip: this is the -Pserver build");
        database = LambdaDatabase.start();
        reactiveUrl = database.reactiveUrl;
        jdbcUrl = database.jdbcUrl;
        user = database.user;
        password = database.password;
        Path work = TARGET.resolve("lambda-e2e");
        Files.createDirectories(work);
        taskRoot = FunctionProcess.unpack(zip, Files.createTempDirectory(work, "task"));

        // The migration step: one invocation of a function configured to migrate while it initializes.
        try (RuntimeApiEmulator migrateApi = new RuntimeApiEmulator();
                FunctionProcess migrate = FunctionProcess.start(taskRoot, TARGET.resolve("lambda-runtime-client"),
                        migrateApi.address(), withDatabase(Map.of("POLLFEED_MIGRATION_AT_START", "always",
                                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl)),
                        work.resolve("migrate-function.log"))) {
            migrateApi.awaitReady(TIMEOUT);
            JsonNode health = response(migrateApi.invoke(ApiGatewayEvents.get("/q/health/ready").json(), TIMEOUT));
            assertEquals(200, health.get("statusCode").asInt(), health.toString());
        }
        assertEquals(1, queryLong("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'"));

        // The API function: the same configuration a deployment gives it, without the migration switch.
        long migrations = queryLong("SELECT count(*) FROM flyway_schema_history");
        runtimeApi = new RuntimeApiEmulator();
        function = FunctionProcess.start(taskRoot, TARGET.resolve("lambda-runtime-client"), runtimeApi.address(),
                withDatabase(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl)), work.resolve("api-function.log"));
        long readyAt = runtimeApi.awaitReady(TIMEOUT);
        initMillis = (readyAt - function.startedAt) / 1_000_000;
        assertEquals(migrations, queryLong("SELECT count(*) FROM flyway_schema_history"), "no migration on a cold start");
        // Measured here, not in a test, so that no test depends on running first.
        connectionsAtInit = queryLong(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pollfeed%' AND datname = current_database()");
        connectionsAtInitDescribed = describeConnections();
        long sent = System.nanoTime();
        firstResponse = invoke(ApiGatewayEvents.get("/v1/channels/e2e-cold/events").query("since=0"));
        firstResponseMillis = initMillis + (System.nanoTime() - sent) / 1_000_000;
    }

    @AfterAll
    static void stop() throws Exception {
        LambdaDatabase.closeAll(function, runtimeApi, database);
    }

    @Test
    void initOpensNoDatabaseConnectionAndTheFirstRequestIsServed() throws Exception {
        // SnapStart snapshots the environment after init: no socket may be open by then.
        assertEquals(0, connectionsAtInit, connectionsAtInitDescribed);
        assertEquals(200, firstResponse.status, firstResponse.toString());
        assertEquals(0, firstResponse.body.get("next").asLong());
        System.out.printf(Locale.ROOT, "LAMBDA_COLD_START init_ms=%d first_response_ms=%d%n", initMillis,
                firstResponseMillis);
    }

    @Test
    void publishPollAndConditionalPoll() throws Exception {
        Response published = invoke(ApiGatewayEvents.post("/v1/channels/e2e-orders/events",
                "[{\"type\":\"order.created\",\"data\":{\"id\":123456789012345678901234567890}},{\"data\":[1,\"two\"]}]"));
        assertEquals(201, published.status, published.toString());
        assertEquals("no-store", published.header("cache-control"));
        assertEquals(2, published.body.get("events").size());

        Response poll = invoke(ApiGatewayEvents.get("/v1/channels/e2e-orders/events").query("since=0"));
        assertEquals(200, poll.status);
        assertTrue(poll.rawBody.contains("\"data\":{\"id\": 123456789012345678901234567890}"), poll.rawBody);
        assertEquals(2, poll.body.get("next").asLong());
        String etag = poll.header("etag");
        assertNotNull(etag, "ETag must survive the Lambda response mapping: " + poll.headers);
        assertEquals("public, max-age=1", poll.header("cache-control"));
        assertEquals("2", poll.header("poll-interval"));
        assertTrue(poll.header("content-type").startsWith("application/json"));

        Response notModified = invoke(ApiGatewayEvents.get("/v1/channels/e2e-orders/events")
                .query("since=0")
                .header("If-None-Match", etag));
        assertEquals(304, notModified.status, notModified.toString());
        assertEquals("", notModified.rawBody);
        assertEquals(etag, notModified.header("etag"));
        assertEquals("public, max-age=1", notModified.header("cache-control"));
        assertEquals("2", notModified.header("poll-interval"));

        Response fullPage = invoke(ApiGatewayEvents.get("/v1/channels/e2e-orders/events").query("since=0&limit=1"));
        assertEquals("public, max-age=31536000, immutable", fullPage.header("cache-control"));
    }

    @Test
    void multiChannelPoll() throws Exception {
        invoke(ApiGatewayEvents.post("/v1/channels/e2e-a/events", "{\"data\":1}"));
        Response poll = invoke(ApiGatewayEvents.get("/v1/events").query("channels=e2e-a:0,e2e-b:now"));
        assertEquals(200, poll.status, poll.toString());
        assertEquals(1, poll.body.at("/channels/e2e-a/events").size());
        assertEquals(0, poll.body.at("/channels/e2e-b/next").asLong());
        assertNotNull(poll.header("etag"));
        Response notModified = invoke(ApiGatewayEvents.get("/v1/events")
                .query("channels=e2e-a:0,e2e-b:now")
                .header("If-None-Match", poll.header("etag")));
        assertEquals(304, notModified.status);
    }

    /** A channel's stats are Vert.x routes (docs/decisions/0016): the function serves them as it serves polls. */
    @Test
    void channelStatsAndSeries() throws Exception {
        invoke(ApiGatewayEvents.post("/v1/channels/e2e-stats/events", "[{\"type\":\"a\",\"data\":1},{\"data\":2}]"));
        Response stats = invoke(ApiGatewayEvents.get("/v1/channels/e2e-stats/stats"));
        assertEquals(200, stats.status, stats.toString());
        assertEquals(2, stats.body.get("head").asLong());
        assertNotNull(stats.body.get("lastEventAt").asText());
        Response series = invoke(ApiGatewayEvents.get("/v1/channels/e2e-stats/stats/series").query("bucket=5m"));
        assertEquals(200, series.status, series.toString());
        assertEquals("5m", series.body.get("bucket").asText());
        assertEquals(60, series.body.get("points").size(), "the last 60 buckets by default");
        Response again = series;
        for (int tries = 0; tries < 2 && again.status == 200; tries++) {
            // The first try may meet a new minute (the window moved); the second then holds.
            again = invoke(ApiGatewayEvents.get("/v1/channels/e2e-stats/stats/series")
                    .query("bucket=5m")
                    .header("If-None-Match", again.header("etag")));
        }
        assertEquals(304, again.status, again.toString());
        Response refused = invoke(ApiGatewayEvents.post("/v1/channels/e2e-stats/stats", "{}"));
        assertEquals(405, refused.status, refused.toString());
        assertEquals("GET, HEAD, OPTIONS", refused.header("allow"));
    }

    @Test
    void badInputIsAProblemDocument() throws Exception {
        Response invalid = invoke(ApiGatewayEvents.post("/v1/channels/e2e-bad/events", "{\"type\":\"no spaces\"}"));
        assertEquals(400, invalid.status, invalid.toString());
        assertEquals("application/problem+json", invalid.header("content-type"));
        assertEquals(400, invalid.body.get("status").asInt());
        Response cursor = invoke(ApiGatewayEvents.get("/v1/channels/e2e-bad/events").query("since=-1"));
        assertEquals(400, cursor.status);
        Response unsupported = invoke(ApiGatewayEvents.post("/v1/channels/e2e-bad/events", "{\"data\":1}")
                .header("content-type", "text/plain"));
        assertEquals(415, unsupported.status);
        Response maintenance = invoke(ApiGatewayEvents.post("/internal/retention/run", "{}"));
        assertEquals(404, maintenance.status, "the API function does not serve the maintenance endpoint");
        Response stored = invoke(ApiGatewayEvents.get("/v1/channels/e2e-bad/events"));
        assertEquals(0, stored.body.get("next").asLong(), "a rejected write stores nothing");
    }

    @Test
    void everyInvocationAuthorizesOnItsOwn() throws Exception {
        Response anonymous = invoke(ApiGatewayEvents.anonymousPost("/v1/channels/e2e-auth/events", "{\"data\":1}"));
        assertEquals(401, anonymous.status, anonymous.toString());
        assertEquals("application/problem+json", anonymous.header("content-type"));
        assertEquals("Bearer realm=\"pollfeed\"", anonymous.header("www-authenticate"));

        Response created = invoke(ApiGatewayEvents.post("/v1/keys",
                "{\"name\":\"e2e\",\"scopes\":[\"publish:secret.*\"]}"));
        assertEquals(201, created.status, created.toString());
        String key = created.body.get("key").asText();
        Response published = invoke(ApiGatewayEvents.anonymousPost("/v1/channels/secret.e2e/events", "{\"data\":1}")
                .header("authorization", "Bearer " + key));
        assertEquals(201, published.status, published.toString());

        Response unauthorized = invoke(ApiGatewayEvents.get("/v1/channels/secret.e2e/events").query("since=0"));
        assertEquals(401, unauthorized.status, unauthorized.toString());
        Response forbidden = invoke(ApiGatewayEvents.get("/v1/channels/secret.e2e/events")
                .query("since=0")
                .header("authorization", "Bearer " + Tokens.hs256(List.of("other.*"))));
        assertEquals(403, forbidden.status, forbidden.toString());
        Response read = invoke(ApiGatewayEvents.get("/v1/channels/secret.e2e/events")
                .query("since=0")
                .header("authorization", "Bearer " + Tokens.hs256(List.of("secret.*"))));
        assertEquals(200, read.status, read.toString());
        assertEquals(1, read.body.get("events").size());
        assertEquals("private, max-age=1", read.header("cache-control"));
        assertEquals("Authorization", read.header("vary"));

        Response revoked = invoke(ApiGatewayEvents.get("/v1/keys/" + created.body.get("id").asText())
                .method("DELETE")
                .header("authorization", "Bearer " + ADMIN_KEY));
        assertEquals(204, revoked.status, revoked.toString());
        Response refused = invoke(ApiGatewayEvents.anonymousPost("/v1/channels/secret.e2e/events", "{\"data\":2}")
                .header("authorization", "Bearer " + key));
        assertEquals(401, refused.status, refused.toString());
        assertEquals(1, queryLong("SELECT count(*) FROM events WHERE channel = 'secret.e2e'"));
    }

    @Test
    void base64EncodedBody() throws Exception {
        Response published = invoke(ApiGatewayEvents.post("/v1/channels/e2e-base64/events",
                "{\"type\":\"binary.safe\",\"data\":\"héllo ✓\"}").base64());
        assertEquals(201, published.status, published.toString());
        assertEquals("héllo ✓", published.body.at("/events/0/data").asText());
    }

    @Test
    void pollAfterTheConnectionWasKilledWhileFrozen() throws Exception {
        for (int round = 0; round < 3; round++) {
            // A channel this environment never read, so the poll after the thaw reads the database rather than
            // the recent events held in memory (docs/protocol.md §10.2).
            String events = "/v1/channels/e2e-frozen-" + round + "/events";
            assertEquals(201, invoke(ApiGatewayEvents.post(events, "[{\"data\":1},{\"data\":2}]")).status);
            function.freeze();
            long killed;
            try {
                killed = queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name LIKE 'pollfeed%' AND datname = current_database()");
            } finally {
                function.thaw();
            }
            assertTrue(killed > 0, "round " + round + ": the environment should hold a pooled connection");
            Response poll = invoke(ApiGatewayEvents.get(events).query("since=0"));
            assertEquals(200, poll.status, "round " + round + ": " + poll);
            assertEquals(2, poll.body.get("next").asLong());
        }
        assertTrue(queryLong(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pollfeed%' AND datname = current_database()") <= 2,
                "an environment holds at most two connections");
    }

    @Test
    void warmLatency() throws Exception {
        List<Long> caughtUp = new ArrayList<>();
        List<Long> conditional = new ArrayList<>();
        List<Long> publish = new ArrayList<>();
        assertEquals(201,
                invoke(ApiGatewayEvents.post("/v1/channels/e2e-warm-read/events", "[{\"data\":1},{\"data\":2}]")).status);
        String etag = invoke(ApiGatewayEvents.get("/v1/channels/e2e-warm-read/events").query("since=2")).header("etag");
        for (int i = 0; i < 200; i++) {
            caughtUp.add(timed(ApiGatewayEvents.get("/v1/channels/e2e-warm-read/events").query("since=2")));
            conditional.add(timed(ApiGatewayEvents.get("/v1/channels/e2e-warm-read/events")
                    .query("since=2")
                    .header("If-None-Match", etag)));
            publish.add(timed(ApiGatewayEvents.post("/v1/channels/e2e-warm/events", "{\"data\":" + i + "}")));
        }
        System.out.printf(Locale.ROOT, "LAMBDA_WARM_LATENCY_US poll_200_p50=%d p90=%d poll_304_p50=%d p90=%d"
                + " publish_p50=%d p90=%d (n=200 each, Runtime API round trip included)%n",
                percentile(caughtUp, 50), percentile(caughtUp, 90), percentile(conditional, 50),
                percentile(conditional, 90), percentile(publish, 50), percentile(publish, 90));
        assertTrue(percentile(conditional, 50) > 0);
    }

    /**
     * Issue 18: database statements per caught-up poll on Lambda, counted by the database (its transaction counters;
     * every statement the function sends is a transaction of its own), for a realistic stream: 1,000 clients, each
     * polling one of 300 channels with its cursor and ETag, a fifth of them on 3 hot channels that get a publish every
     * 20 requests, the rest idle; the environment frozen for 1.5 s twice. Heads in memory (HeadCache) answer the
     * caught-up polls; what remains is a refresh at most twice a second, the polls that get events, and publishes
     * (counted and taken out: they are not polls).
     */
    @Test
    void statementsPerCaughtUpPollUnderARealisticStream() throws Exception {
        int channelCount = 300;
        int clientCount = 1000;
        int requests = 6000;
        String[] hot = {"e2e-stream-0", "e2e-stream-1", "e2e-stream-2"};
        execute("INSERT INTO channels (name, head) SELECT 'e2e-stream-' || i, 1 FROM generate_series(0, "
                + (channelCount - 1) + ") i");
        execute("INSERT INTO events (channel, seq, type, data, time) SELECT 'e2e-stream-' || i, 1, 'message', '1',"
                + " now() FROM generate_series(0, " + (channelCount - 1) + ") i");
        String[] channelOf = new String[clientCount];
        long[] cursor = new long[clientCount];
        String[] etag = new String[clientCount];
        for (int c = 0; c < clientCount; c++) {
            channelOf[c] = c < clientCount / 5
                    ? hot[c % hot.length]
                    : "e2e-stream-" + (hot.length + c % (channelCount - hot.length));
            cursor[c] = 1;
        }
        // A first round: every client once (this instance reads each channel's head once).
        for (int c = 0; c < clientCount; c++) {
            poll(c, channelOf, cursor, etag);
        }
        Thread.sleep(11_000); // PostgreSQL counts an idle session's transactions within 10 s
        long before = queryLong(TRANSACTIONS);
        int caughtUp = 0;
        int withEvents = 0;
        int publishes = 0;
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            if (i % 20 == 19) {
                assertEquals(201, invoke(ApiGatewayEvents.post("/v1/channels/" + hot[publishes % hot.length] + "/events",
                        "{\"data\":" + i + "}")).status);
                publishes++;
                continue;
            }
            if (i == requests / 3 || i == 2 * requests / 3) {
                function.freeze();
                Thread.sleep(1500);
                function.thaw();
            }
            if (poll(i % clientCount, channelOf, cursor, etag)) {
                caughtUp++;
            } else {
                withEvents++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(11_000);
        // The first query's own transaction is counted, the second's not yet.
        long statements = queryLong(TRANSACTIONS) - before - 1 - publishes;
        double perCaughtUp = (double) statements / caughtUp;
        System.out.printf(Locale.ROOT, "LAMBDA_STATEMENTS_PER_CAUGHT_UP_POLL %.3f (%d statements for %d caught-up polls"
                + " and %d polls with events, %d publishes not counted, %.0f requests/s, 2 freezes of 1.5 s)%n",
                perCaughtUp, statements, caughtUp, withEvents, publishes, requests / seconds);
        assertTrue(perCaughtUp <= 0.3, "statements per caught-up poll: " + perCaughtUp);
    }

    private static final String TRANSACTIONS = "SELECT xact_commit + xact_rollback FROM pg_stat_database"
            + " WHERE datname = current_database()";

    /** One client's conditional poll; true when it was caught up (304, or 200 without events). */
    private static boolean poll(int client, String[] channelOf, long[] cursor, String[] etag) throws Exception {
        ApiGatewayEvents event = ApiGatewayEvents.get("/v1/channels/" + channelOf[client] + "/events")
                .query("since=" + cursor[client]);
        Response poll = invoke(etag[client] == null ? event : event.header("If-None-Match", etag[client]));
        if (poll.status == 304) {
            return true;
        }
        assertEquals(200, poll.status, poll.toString());
        etag[client] = poll.header("etag");
        long next = poll.body.get("next").asLong();
        boolean empty = next == cursor[client];
        cursor[client] = next;
        return empty;
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    @Test
    void structuredAccessLogCarriesRequestIdChannelStatusAndDuration() throws Exception {
        invoke(ApiGatewayEvents.get("/v1/channels/e2e-logged/events").query("since=0"));
        JsonNode logged = awaitAccessLogLine("e2e-logged");
        assertEquals("200", logged.at("/mdc/status").asText());
        assertTrue(logged.at("/mdc/requestId").asText().matches("[0-9a-f-]{36}"), logged.toString());
        assertTrue(logged.at("/mdc/durationMs").asDouble() >= 0, logged.toString());
        assertEquals("INFO", logged.get("level").asText());
    }

    @Test
    void coldStarts() throws Exception {
        List<Long> init = new ArrayList<>(List.of(initMillis));
        List<Long> first = new ArrayList<>(List.of(firstResponseMillis));
        for (int i = 0; i < 4; i++) {
            try (RuntimeApiEmulator api = new RuntimeApiEmulator();
                    FunctionProcess fresh = FunctionProcess.start(taskRoot, TARGET.resolve("lambda-runtime-client"),
                            api.address(), withDatabase(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl)),
                            TARGET.resolve("lambda-e2e").resolve("cold-start-" + i + ".log"))) {
                long ready = api.awaitReady(TIMEOUT);
                JsonNode poll = response(api.invoke(
                        ApiGatewayEvents.get("/v1/channels/e2e-orders/events").query("since=0").json(), TIMEOUT));
                long answered = System.nanoTime();
                assertEquals(200, poll.get("statusCode").asInt());
                init.add((ready - fresh.startedAt) / 1_000_000);
                first.add((answered - fresh.startedAt) / 1_000_000);
            }
        }
        System.out.printf(Locale.ROOT, "LAMBDA_COLD_STARTS n=%d init_ms_median=%d first_response_ms_median=%d"
                + " init_ms=%s first_response_ms=%s function_zip_bytes=%d%n", init.size(), percentile(init, 50),
                percentile(first, 50), init, first, Files.size(TARGET.resolve("function.zip")));
    }

    /** The function's JSON access-log line for a channel, once its output has reached the log file. */
    private static JsonNode awaitAccessLogLine(String channel) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : Files.readAllLines(TARGET.resolve("lambda-e2e").resolve("api-function.log"))) {
                // A line still being written does not end with '}' yet.
                if (line.startsWith("{") && line.endsWith("}") && line.contains("dev.pollfeed.access")) {
                    JsonNode entry = JSON.readTree(line);
                    if (channel.equals(entry.at("/mdc/channel").asText())) {
                        return entry;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no JSON access log line for " + channel);
            }
            Thread.sleep(20);
        }
    }

    private static long timed(ApiGatewayEvents event) throws Exception {
        long started = System.nanoTime();
        Response response = invoke(event);
        long micros = (System.nanoTime() - started) / 1_000;
        assertTrue(response.status < 400, response.toString());
        return micros;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
    }

    private static Map<String, String> withDatabase(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        // Security as a deployment configures it: e2e-* channels public, everything else private, HS256 tokens.
        env.put("POLLFEED_SECURITY_ADMIN_KEY", ADMIN_KEY);
        env.put("POLLFEED_SECURITY_PUBLIC_READ", "e2e-*");
        env.put("POLLFEED_SECURITY_JWT_SECRET", TestKeys.HS256_SECRET);
        return env;
    }

    private static String describeConnections() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement("SELECT pid, application_name, state,"
                        + " backend_start, client_port, query FROM pg_stat_activity WHERE application_name LIKE 'pollfeed%' AND datname = current_database()");
                ResultSet rows = statement.executeQuery()) {
            StringBuilder out = new StringBuilder("connections at init: ");
            while (rows.next()) {
                out.append('[')
                        .append(rows.getString(1))
                        .append(' ')
                        .append(rows.getString(2))
                        .append(' ')
                        .append(rows.getString(3))
                        .append(' ')
                        .append(rows.getString(4))
                        .append(" port ")
                        .append(rows.getString(5))
                        .append(' ')
                        .append(rows.getString(6))
                        .append("] ");
            }
            return out.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static long queryLong(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Response invoke(ApiGatewayEvents event) throws Exception {
        return new Response(runtimeApi.invoke(event.json(), TIMEOUT));
    }

    private static JsonNode response(String raw) throws Exception {
        return JSON.readTree(raw);
    }

    /** The function's answer as API Gateway reads it: statusCode, headers, body (maybe base64). */
    private static final class Response {

        final int status;
        final Map<String, String> headers = new HashMap<>();
        final String rawBody;
        final JsonNode body;
        private final String raw;

        Response(String raw) throws Exception {
            this.raw = raw;
            JsonNode document = JSON.readTree(raw);
            status = document.get("statusCode").asInt();
            JsonNode headerNode = document.get("headers");
            if (headerNode != null) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = headerNode.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    headers.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue().asText());
                }
            }
            String text = document.hasNonNull("body") ? document.get("body").asText() : "";
            if (document.path("isBase64Encoded").asBoolean()) {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            }
            rawBody = text;
            body = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }

        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return raw;
        }
    }
}
