package dev.pollfeed.testing;

import static io.restassured.RestAssured.given;

import java.net.SocketException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The v1 API as tests speak it, through whatever transport Quarkus tests use (HTTP, or the Lambda event server). */
public final class Api {

    public static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
    /** {@code %test.pollfeed.security.admin-key}: the test profile reads anonymously and publishes with it. */
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnop";

    private Api() {
    }

    /** A channel name no other test uses. */
    public static String channel(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A request with the test admin key: publishing needs credentials even in tests. */
    public static RequestSpecification request() {
        return anonymous().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return given().urlEncodingEnabled(false);
    }

    public static Response publish(String channel, String body) {
        return request().contentType("application/json").body(body).post("/v1/channels/" + channel + "/events");
    }

    public static Response publishWithKey(String channel, String key, String body) {
        return request().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/channels/" + channel + "/events");
    }

    public static Response poll(String channel, String query) {
        return request().get("/v1/channels/" + channel + "/events" + (query.isEmpty() ? "" : "?" + query));
    }

    /** Publishes {@code count} events with data 1..count in batches of up to 100. */
    public static void publishNumbered(String channel, int count) {
        for (int from = 1; from <= count; from += 100) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = from; i < Math.min(count + 1, from + 100); i++) {
                batch.append(i == from ? "" : ",").append("{\"data\":").append(i).append('}');
            }
            publish(channel, batch.append(']').toString()).then().statusCode(201);
        }
    }

    /** What {@link #statusOrClosed} answers when the server closed the connection before the request was sent. */
    public static final int CLOSED = -1;

    /**
     * The status of an oversized request, or {@link #CLOSED}: the HTTP layer answers 431 and closes the connection,
     * which the client may notice as a broken pipe while it is still writing the request.
     */
    public static int statusOrClosed(Supplier<Response> send) {
        try {
            return send.get().statusCode();
        } catch (Exception e) { // rest-assured rethrows the socket's checked exception unwrapped
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketException) {
                    return CLOSED;
                }
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** The channel's head, from the database (a poll from now; stats may be up to a second old). */
    public static long head(String channel) {
        return poll(channel, "since=now").then().statusCode(200).extract().jsonPath().getLong("next");
    }

    /**
     * A header's value with repeated fields joined as RFC 9110 allows ("a, b"): the Lambda event server used in tests
     * splits list-valued headers that API Gateway itself passes through intact.
     */
    public static String header(Response response, String name) {
        List<String> values = response.headers().getValues(name);
        return values.isEmpty() ? null : String.join(", ", values.stream().map(String::strip).toList());
    }
}
