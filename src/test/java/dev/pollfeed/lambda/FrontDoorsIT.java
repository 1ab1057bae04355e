package dev.pollfeed.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The built {@code target/function.zip} behind each front door, with the handler the templates configure
 * ({@code FrontDoorHandler}): the HTTP API and function URLs (payload 2.0) and an Application Load Balancer (its own
 * event format, with and without multi-value headers). Status, caching headers, {@code Poll-Interval}, CORS and bodies,
 * base64 ones included, must come out the same through every door.
 */
class FrontDoorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TARGET = Path.of("target");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String HANDLER = "dev.pollfeed.lambda.FrontDoorHandler::handleRequest";
    private static final String ORIGIN = "https://app.example.com";
    private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/pollfeed/0123456789abcdef";

    private static LambdaDatabase database;
    private static RuntimeApiEmulator runtimeApi;
    private static FunctionProcess function;

    @BeforeAll
    static void start() throws Exception {
        Path zip = TARGET.resolve("function.zip");
        assumeTrue(Files.exists(zip), "no function.zip: this is the -Pserver build");
        database = LambdaDatabase.start();
        Map<String, String> env = database.environment();
        env.put("POLLFEED_SECURITY_ADMIN_KEY", LambdaArtifactIT.ADMIN_KEY);
        env.put("POLLFEED_SECURITY_PUBLIC_READ", "door-*");
        env.put("POLLFEED_CORS_ORIGINS", ORIGIN);
        // Migrates while it initializes (a deployment's migrate step), then serves every request of this class.
        env.put("POLLFEED_MIGRATION_AT_START", "always");
        Path work = Files.createDirectories(TARGET.resolve("front-doors"));
        Path taskRoot = FunctionProcess.unpack(zip, Files.createTempDirectory(work, "task"));
        runtimeApi = new RuntimeApiEmulator();
        function = FunctionProcess.start(taskRoot, TARGET.resolve("lambda-runtime-client"), runtimeApi.address(), env,
                work.resolve("function.log"), HANDLER);
        runtimeApi.awaitReady(TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        LambdaDatabase.closeAll(function, runtimeApi, database);
    }

    @Test
    void httpApiEventsPassThroughUnchanged() throws Exception {
        String channel = channel();
        Answer published = invoke(ApiGatewayEvents.post("/v1/channels/" + channel + "/events", "{\"data\":1}").json());
        assertEquals(201, published.status, published.raw);
        Answer poll = invoke(ApiGatewayEvents.get("/v1/channels/" + channel + "/events").query("since=0").json());
        assertLivePage(poll, 1);
        Answer notModified = invoke(ApiGatewayEvents.get("/v1/channels/" + channel + "/events")
                .query("since=0")
                .header("if-none-match", poll.header("etag"))
                .json());
        assertEquals(304, notModified.status, notModified.raw);
        assertEquals(poll.header("poll-interval"), notModified.header("poll-interval"));
    }

    @Test
    void functionUrlEventsWithBase64BodiesCookiesAndCors() throws Exception {
        String channel = channel();
        ObjectNode publish = functionUrl(ApiGatewayEvents
                .post("/v1/channels/" + channel + "/events", "[{\"data\":\"é\"},{\"data\":2}]")
                .base64());
        Answer published = invoke(publish.toString());
        assertEquals(201, published.status, published.raw);
        assertEquals("é", published.body.at("/events/0/data").asText());

        ObjectNode poll = functionUrl(ApiGatewayEvents.get("/v1/channels/" + channel + "/events")
                .query("since=0")
                .header("origin", ORIGIN));
        poll.putArray("cookies").add("session=ignored");
        Answer page = invoke(poll.toString());
        assertLivePage(page, 2);
        assertEquals(ORIGIN, page.header("access-control-allow-origin"));
        assertTrue(page.header("access-control-expose-headers").contains("Poll-Interval"), page.raw);
    }

    @Test
    void loadBalancerEventsWithSingleValueHeaders() throws Exception {
        String channel = channel();
        ObjectNode publish = alb("POST", "/v1/channels/" + channel + "/events", false);
        publish.with("headers").put("content-type", "application/json");
        publish.with("headers").put("authorization", "Bearer " + LambdaArtifactIT.ADMIN_KEY);
        publish.put("body", Base64.getEncoder().encodeToString("{\"data\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8)));
        publish.put("isBase64Encoded", true);
        Answer published = invoke(publish.toString());
        assertEquals(201, published.status, published.raw);
        assertEquals("201 Created", published.document.get("statusDescription").asText());
        assertEquals("no-store", published.header("cache-control"));

        ObjectNode poll = alb("GET", "/v1/channels/" + channel + "/events", false);
        poll.with("queryStringParameters").put("since", "0");
        poll.with("headers").put("origin", ORIGIN);
        Answer page = invoke(poll.toString());
        assertLivePage(page, 1);
        assertEquals("200 OK", page.document.get("statusDescription").asText());
        assertEquals(ORIGIN, page.header("access-control-allow-origin"));
        assertFalse(page.document.has("multiValueHeaders"), page.raw);

        poll.with("headers").put("if-none-match", page.header("etag"));
        Answer notModified = invoke(poll.toString());
        assertEquals(304, notModified.status, notModified.raw);
        assertEquals("304 Not Modified", notModified.document.get("statusDescription").asText());
        assertEquals(page.header("etag"), notModified.header("etag"));
        assertEquals(page.header("poll-interval"), notModified.header("poll-interval"));
        assertEquals(page.header("cache-control"), notModified.header("cache-control"));
        assertEquals("", notModified.rawBody);
    }

    @Test
    void loadBalancerEventsWithMultiValueHeadersAndQueries() throws Exception {
        String a = channel();
        String b = channel();
        ObjectNode publish = alb("POST", "/v1/channels/" + a + "/events", true);
        values(publish, "multiValueHeaders", "content-type", "application/json");
        values(publish, "multiValueHeaders", "authorization", "Bearer " + LambdaArtifactIT.ADMIN_KEY);
        publish.put("body", "{\"data\":\"multi\"}");
        assertEquals(201, invoke(publish.toString()).status);

        // Several channels; the query arrives URL-encoded as the client sent it (the ALB does not decode it).
        ObjectNode poll = alb("GET", "/v1/events", true);
        values(poll, "multiValueQueryStringParameters", "channels", a + "%3A0%2C" + b + "%3A0");
        values(poll, "multiValueHeaders", "accept", "application/json", "*/*");
        Answer page = invoke(poll.toString());
        assertEquals(200, page.status, page.raw);
        assertTrue(page.document.get("multiValueHeaders").get("etag").isArray(), page.raw);
        assertFalse(page.document.has("headers"), page.raw);
        assertEquals("multi", page.body.at("/channels/" + a + "/events/0/data").asText(), page.raw);
        assertEquals(0, page.body.at("/channels/" + b + "/events").size(), page.raw);
        assertNotNull(page.header("poll-interval"));
        assertEquals("public, max-age=1", page.header("cache-control"));

        // A parameter given twice is the client's mistake: 400 problem+json, through the multi-value form too.
        ObjectNode twice = alb("GET", "/v1/channels/" + a + "/events", true);
        values(twice, "multiValueQueryStringParameters", "since", "0", "1");
        Answer problem = invoke(twice.toString());
        assertEquals(400, problem.status, problem.raw);
        assertTrue(problem.header("content-type").startsWith("application/problem+json"), problem.raw);

        // A CORS preflight.
        ObjectNode preflight = alb("OPTIONS", "/v1/channels/" + a + "/events", true);
        values(preflight, "multiValueHeaders", "origin", ORIGIN);
        values(preflight, "multiValueHeaders", "access-control-request-method", "GET");
        values(preflight, "multiValueHeaders", "access-control-request-headers", "if-none-match");
        Answer allowed = invoke(preflight.toString());
        assertTrue(allowed.status == 200 || allowed.status == 204, allowed.raw);
        assertEquals(ORIGIN, allowed.header("access-control-allow-origin"));
    }

    private static void assertLivePage(Answer page, int events) {
        assertEquals(200, page.status, page.raw);
        assertEquals(events, page.body.get("events").size(), page.raw);
        assertTrue(page.header("etag").startsWith("\""), page.raw);
        assertEquals("public, max-age=1", page.header("cache-control"));
        assertEquals("2", page.header("poll-interval"));
        assertTrue(page.header("content-type").startsWith("application/json"), page.raw);
    }

    private static String channel() {
        return "door-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A function URL event: payload 2.0 with the URL's own host and request context (no API, stage or account). */
    private static ObjectNode functionUrl(ApiGatewayEvents request) {
        ObjectNode event = request.header("host", "abcdefghij.lambda-url.us-east-1.on.aws")
                .header("x-forwarded-proto", "https")
                .tree();
        ObjectNode context = event.with("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", "abcdefghij");
        context.put("domainName", "abcdefghij.lambda-url.us-east-1.on.aws");
        context.put("domainPrefix", "abcdefghij");
        context.with("http").put("sourceIp", "203.0.113.7");
        return event;
    }

    /** An Application Load Balancer event, as a target group with or without multi-value headers sends it. */
    private static ObjectNode alb(String method, String path, boolean multiValue) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn", TARGET_GROUP);
        event.put("httpMethod", method);
        event.put("path", path);
        if (multiValue) {
            event.putObject("multiValueQueryStringParameters");
            event.putObject("multiValueHeaders");
            values(event, "multiValueHeaders", "host", "pollfeed-123.us-east-1.elb.amazonaws.com");
            values(event, "multiValueHeaders", "x-forwarded-for", "203.0.113.7");
            values(event, "multiValueHeaders", "user-agent", "pollfeed-e2e");
        } else {
            event.putObject("queryStringParameters");
            ObjectNode headers = event.putObject("headers");
            headers.put("host", "pollfeed-123.us-east-1.elb.amazonaws.com");
            headers.put("x-forwarded-for", "203.0.113.7");
            headers.put("user-agent", "pollfeed-e2e");
        }
        event.put("body", "");
        event.put("isBase64Encoded", false);
        return event;
    }

    private static void values(ObjectNode event, String field, String name, String... values) {
        ArrayNode list = event.with(field).putArray(name);
        List.of(values).forEach(list::add);
    }

    private static Answer invoke(String event) throws Exception {
        return new Answer(runtimeApi.invoke(event, TIMEOUT));
    }

    /** A front door's view of the answer: headers from either field (lower-cased, multi-values joined). */
    private static final class Answer {

        final String raw;
        final JsonNode document;
        final int status;
        final Map<String, String> headers = new HashMap<>();
        final String rawBody;
        final JsonNode body;

        Answer(String raw) throws Exception {
            this.raw = raw;
            document = JSON.readTree(raw);
            status = document.get("statusCode").asInt();
            document.path("headers")
                    .fields()
                    .forEachRemaining(
                            field -> headers.put(field.getKey().toLowerCase(), field.getValue().asText()));
            document.path("multiValueHeaders").fields().forEachRemaining(field -> {
                StringBuilder joined = new StringBuilder();
                field.getValue().forEach(value -> joined.append(joined.length() > 0 ? ", " : "").append(value.asText()));
                headers.put(field.getKey().toLowerCase(), joined.toString());
            });
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
    }
}
