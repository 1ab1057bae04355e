package dev.pollfeed.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Raw API Gateway HTTP API (payload format 2.0) events, as the Lambda service delivers them. */
final class ApiGatewayEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String method;
    private final String path;
    private String query = "";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean base64;

    private ApiGatewayEvents(String method, String path) {
        this.method = method;
        this.path = path;
        headers.put("accept", "*/*");
        headers.put("user-agent", "pollfeed-e2e");
    }

    static ApiGatewayEvents get(String path) {
        return new ApiGatewayEvents("GET", path);
    }

    /** A publish with the function's admin key, as a deployer's backend would send it. */
    static ApiGatewayEvents post(String path, String json) {
        return anonymousPost(path, json).header("authorization", "Bearer " + LambdaArtifactIT.ADMIN_KEY);
    }

    static ApiGatewayEvents anonymousPost(String path, String json) {
        ApiGatewayEvents event = new ApiGatewayEvents("POST", path);
        event.headers.put("content-type", "application/json");
        event.body = json;
        return event;
    }

    ApiGatewayEvents method(String method) {
        this.method = method;
        return this;
    }

    ApiGatewayEvents query(String rawQuery) {
        this.query = rawQuery;
        return this;
    }

    ApiGatewayEvents header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    /** Sends the body base64-encoded, as API Gateway does for binary media types. */
    ApiGatewayEvents base64() {
        this.base64 = true;
        return this;
    }

    String json() {
        return tree().toString();
    }

    /** The event as a tree, for a variant of it (a function URL's request context). */
    ObjectNode tree() {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", query);
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                String previous = parameters.has(parts[0]) ? parameters.get(parts[0]).asText() + "," : "";
                parameters.put(parts[0], previous + (parts.length > 1 ? parts[1] : ""));
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "e2e");
        context.put("domainName", "e2e.execute-api.us-east-1.amazonaws.com");
        context.put("domainPrefix", "e2e");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", "28/Nov/2026:05:00:00 +0000");
        context.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "pollfeed-e2e");
        if (body != null) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }
}
