package dev.pollfeed.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Through the built {@code function.zip}: a channel whose default page (100 events of ~60 KB of JSON, escaped once
 * more inside the function's answer) would be 12 MB as Lambda returns it, over its 6 MB limit, is delivered page by
 * page within the byte budget, every event once, and so is a poll of several such channels.
 */
class LambdaResponseBudgetIT {

    private static final Logger LOG = Logger.getLogger(LambdaResponseBudgetIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Lambda's limit on a synchronous invocation's response, in bytes. */
    private static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
    private static final int BUDGET = 2 * 1024 * 1024;
    private static final int EVENTS = 100;

    private static LambdaDatabase database;
    private static RuntimeApiEmulator runtimeApi;
    private static FunctionProcess function;

    @BeforeAll
    static void start() throws Exception {
        Path zip = Path.of("target", "function.zip");
        assumeTrue(Files.exists(zip), "no function.zip: this is the -Pserver build");
        database = LambdaDatabase.start();
        Map<String, String> env = database.environment();
        env.put("POLLFEED_MIGRATION_AT_START", "always");
        env.put("POLLFEED_SECURITY_ADMIN_KEY", LambdaArtifactIT.ADMIN_KEY);
        env.put("POLLFEED_SECURITY_PUBLIC_READ", "budget-*");
        Path work = Path.of("target", "lambda-e2e");
        Files.createDirectories(work);
        Path taskRoot = FunctionProcess.unpack(zip, Files.createTempDirectory(work, "budget"));
        runtimeApi = new RuntimeApiEmulator();
        function = FunctionProcess.start(taskRoot, Path.of("target", "lambda-runtime-client"), runtimeApi.address(), env,
                work.resolve("budget-function.log"));
        runtimeApi.awaitReady(TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        LambdaDatabase.closeAll(function, runtimeApi, database);
    }

    @Test
    void aChannelWhoseDefaultPageWouldExceedLambdasLimitIsDeliveredInPages() throws Exception {
        String channel = "budget-big-" + System.nanoTime();
        publishLarge(channel, EVENTS);
        List<Long> seen = new ArrayList<>();
        long since = 0;
        int largest = 0;
        boolean more = true;
        for (int polls = 0; more && polls < 10; polls++) {
            String raw = runtimeApi.invoke(ApiGatewayEvents.get("/v1/channels/" + channel + "/events")
                    .query("since=" + since)
                    .json(), TIMEOUT);
            int answered = raw.getBytes(StandardCharsets.UTF_8).length;
            largest = Math.max(largest, answered);
            assertTrue(answered < LAMBDA_RESPONSE_LIMIT, answered + " bytes returned by the function");
            JsonNode page = body(raw);
            page.get("events").forEach(event -> seen.add(event.get("seq").asLong()));
            since = page.get("next").asLong();
            more = page.get("more").asBoolean();
        }
        assertEquals(sequence(EVENTS), seen, "every event once, in order");
        LOG.infof("Largest function response for a page of 60 KB events: %d bytes (limit %d)", largest,
                LAMBDA_RESPONSE_LIMIT);
    }

    @Test
    void aPollOfSeveralLargeChannelsStaysWithinOneBudget() throws Exception {
        String a = "budget-a-" + System.nanoTime();
        String b = "budget-b-" + System.nanoTime();
        publishLarge(a, 40);
        publishLarge(b, 40);
        String raw = runtimeApi.invoke(ApiGatewayEvents.get("/v1/events")
                .query("channels=" + a + ":0," + b + ":0&limit=1000")
                .json(), TIMEOUT);
        assertTrue(raw.getBytes(StandardCharsets.UTF_8).length < LAMBDA_RESPONSE_LIMIT);
        JsonNode answer = body(raw);
        assertTrue(answer.get("channels").get(a).get("more").asBoolean());
        assertTrue(answer.get("channels").get(b).get("more").asBoolean());
    }

    /** The function's answer body, after checking its status and that the body is within the budget. */
    private static JsonNode body(String raw) throws Exception {
        JsonNode response = JSON.readTree(raw);
        assertEquals(200, response.get("statusCode").asInt(), () -> raw.substring(0, Math.min(raw.length(), 2000)));
        String text = response.get("body").asText();
        byte[] bytes = response.path("isBase64Encoded").asBoolean()
                ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length <= BUDGET, bytes.length + " body bytes");
        return JSON.readTree(bytes);
    }

    /** Events of 30,000 quotes each (60,002 bytes of JSON data, under the 64 KiB limit), 15 to a publish. */
    private static void publishLarge(String channel, int count) throws Exception {
        String event = "{\"data\":\"" + "\\\"".repeat(30_000) + "\"}";
        for (int from = 0; from < count; from += 15) {
            List<String> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 15); i++) {
                batch.add(event);
            }
            String raw = runtimeApi.invoke(ApiGatewayEvents.post("/v1/channels/" + channel + "/events",
                    "[" + String.join(",", batch) + "]").json(), TIMEOUT);
            assertEquals(201, JSON.readTree(raw).get("statusCode").asInt(), raw.substring(0, Math.min(500, raw.length())));
        }
    }

    private static List<Long> sequence(int count) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}
