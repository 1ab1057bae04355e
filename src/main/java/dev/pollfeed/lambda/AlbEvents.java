package dev.pollfeed.lambda;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Application Load Balancer events turned into the HTTP API's payload 2.0 (the only format the Quarkus Lambda HTTP
 * handler reads), and its answers back. An ALB target group sends either single-value {@code headers} and
 * {@code queryStringParameters} or, with multi-value headers turned on, {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters}, and reads the answer's headers from the field of the same kind. Query
 * strings arrive as the client sent them (the ALB does not decode them), so they are joined back as they are.
 */
final class AlbEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlbEvents() {
    }

    /** True for an event of a load balancer's target group. */
    static boolean isAlb(JsonNode event) {
        return event.path("requestContext").has("elb");
    }

    /** True when the target group has multi-value headers on: the answer must use the same fields. */
    static boolean multiValue(JsonNode event) {
        return event.has("multiValueHeaders");
    }

    /** The same request as an HTTP API payload 2.0 event. */
    static ObjectNode toHttpApi(JsonNode alb) {
        String method = alb.path("httpMethod").asText("GET");
        String path = alb.path("path").asText("/");
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery(alb));
        ObjectNode headers = event.putObject("headers");
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : values(alb, "headers", "multiValueHeaders")) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String value : header.getValue()) {
                    for (String cookie : value.split(";")) {
                        cookies.add(cookie.trim());
                    }
                }
            } else {
                // Payload 2.0 joins repeated headers with commas, as HTTP allows for every header pollfeed reads.
                headers.put(name, String.join(",", header.getValue()));
            }
        }
        if (!cookies.isEmpty()) {
            ArrayNode cookieNode = event.putArray("cookies");
            cookies.forEach(cookieNode::add);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        String forwardedFor = headers.path("x-forwarded-for").asText("");
        http.put("sourceIp", forwardedFor.isEmpty() ? "0.0.0.0" : forwardedFor.split(",")[0].trim());
        http.put("userAgent", headers.path("user-agent").asText(""));
        if (alb.hasNonNull("body") && !alb.get("body").asText().isEmpty()) {
            event.put("body", alb.get("body").asText());
        }
        event.put("isBase64Encoded", alb.path("isBase64Encoded").asBoolean(false));
        return event;
    }

    /** The function's payload 2.0 answer as the load balancer reads it. */
    static ObjectNode toAlb(JsonNode answer, boolean multiValue) {
        int status = answer.path("statusCode").asInt(502);
        ObjectNode response = JSON.createObjectNode();
        response.put("statusCode", status);
        response.put("statusDescription", status + " " + reason(status));
        Map<String, List<String>> headers = answerHeaders(answer);
        List<String> cookies = new ArrayList<>();
        answer.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        if (multiValue) {
            ObjectNode node = response.putObject("multiValueHeaders");
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                ArrayNode list = node.putArray(header.getKey());
                header.getValue().forEach(list::add);
            }
            if (!cookies.isEmpty()) {
                ArrayNode list = node.putArray("set-cookie");
                cookies.forEach(list::add);
            }
        } else {
            ObjectNode node = response.putObject("headers");
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                node.put(header.getKey(), String.join(", ", header.getValue()));
            }
            if (!cookies.isEmpty()) {
                node.put("set-cookie", cookies.get(cookies.size() - 1)); // one header per name without multi-value
            }
        }
        response.put("body", answer.path("body").asText(""));
        response.put("isBase64Encoded", answer.path("isBase64Encoded").asBoolean(false));
        return response;
    }

    /**
     * The answer's headers under lower-case names: the multi-value field's values where it has the name, the
     * single-value field's otherwise (the handler may fill either).
     */
    private static Map<String, List<String>> answerHeaders(JsonNode answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : values(answer, "headers", "none")) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        for (Map.Entry<String, List<String>> header : values(answer, "none", "multiValueHeaders")) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        return headers;
    }

    /** The query string as received: single-value pairs, or every value of the multi-value form, in event order. */
    private static String rawQuery(JsonNode alb) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, List<String>> parameter : values(alb, "queryStringParameters",
                "multiValueQueryStringParameters")) {
            for (String value : parameter.getValue()) {
                if (query.length() > 0) {
                    query.append('&');
                }
                query.append(parameter.getKey()).append('=').append(value);
            }
        }
        return query.toString();
    }

    /** The multi-value field when present (and not null), else the single-value one, as name to values. */
    private static List<Map.Entry<String, List<String>>> values(JsonNode node, String single, String multi) {
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>();
        JsonNode multiNode = node.get(multi);
        if (multiNode != null && multiNode.isObject() && !multiNode.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = multiNode.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<String> list = new ArrayList<>();
                field.getValue().forEach(value -> list.add(value.asText()));
                entries.add(Map.entry(field.getKey(), list));
            }
            return entries;
        }
        JsonNode singleNode = node.get(single);
        if (singleNode != null && singleNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = singleNode.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                entries.add(Map.entry(field.getKey(), List.of(field.getValue().asText())));
            }
        }
        return entries;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
