package dev.pollfeed.stats;

import static dev.pollfeed.testing.Api.anonymous;
import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The channel stats' Vert.x routes answer as the Jakarta REST resource did: the same body for an anonymous reader
 * (answered without waiting for the guard) as for a key, HEAD, a decoded channel name, 405 with {@code Allow}.
 */
@QuarkusTest
class ChannelStatsRouteTest {

    @Test
    void anonymousReadersAndKeysGetTheSameAnswer() {
        String channel = channel("route-stats");
        publish(channel, "[{\"type\":\"a\",\"data\":1},{\"type\":\"b\",\"data\":2}]").then().statusCode(201);
        for (String path : paths(channel)) {
            Response keyed = request().get(path);
            Response plain = anonymous().get(path);
            if (!header(keyed, "ETag").equals(header(plain, "ETag"))) {
                // A minute boundary passed between the two: the windows moved.
                keyed = request().get(path);
            }
            keyed.then().statusCode(200).contentType("application/json");
            plain.then().statusCode(200).contentType("application/json");
            assertEquals(keyed.asString(), plain.asString(), path);
            assertEquals(header(keyed, "ETag"), header(plain, "ETag"), path);
            assertEquals("public, max-age=1", header(plain, "Cache-Control"), path);
            assertEquals("2", header(plain, "Poll-Interval"), path);
        }
    }

    @Test
    void anAnswerAskedAgainComesFromMemoryWithTheSameTag() {
        String channel = channel("route-kept");
        publish(channel, "{\"data\":1}").then().statusCode(201);
        for (String path : paths(channel)) {
            List<Response> answers = List.of(anonymous().get(path), anonymous().get(path), anonymous().get(path));
            String etag = header(answers.get(2), "ETag");
            assertNotNull(etag);
            Response again = anonymous().header("If-None-Match", etag).get(path);
            if (again.statusCode() == 200) {
                again = anonymous().header("If-None-Match", header(again, "ETag")).get(path);
            }
            again.then().statusCode(304);
            assertEquals(etag.length(), header(again, "ETag").length(), path);
        }
    }

    @Test
    void headAnswersTheHeadersOfGet() {
        String channel = channel("route-head");
        publish(channel, "{\"data\":1}").then().statusCode(201);
        for (String path : paths(channel)) {
            Response get = anonymous().get(path);
            Response head = anonymous().head(path);
            if (!header(get, "ETag").equals(header(head, "ETag"))) {
                get = anonymous().get(path);
            }
            head.then().statusCode(200);
            assertEquals("", head.asString(), path);
            assertEquals(header(get, "ETag"), header(head, "ETag"), path);
        }
    }

    @Test
    void anEncodedChannelNameIsDecoded() {
        String channel = channel("route.encoded");
        publish(channel, "{\"data\":1}").then().statusCode(201);
        String encoded = channel.replace(".", "%2E");
        anonymous().get("/v1/channels/" + encoded + "/stats").then().statusCode(200);
        assertEquals(channel, anonymous().get("/v1/channels/" + encoded + "/stats").jsonPath().getString("channel"));
        assertEquals(1, anonymous().get("/v1/channels/" + encoded + "/stats").jsonPath().getInt("head"));
    }

    @Test
    void otherMethodsAre405WithAllow() {
        String channel = channel("route-405");
        for (String path : paths(channel)) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                Response response = request().contentType("application/json").body("{}").request(method, path);
                assertProblem(response, 405);
                assertEquals("urn:pollfeed:problem:method-not-allowed", response.jsonPath().getString("type"));
                assertEquals("GET, HEAD, OPTIONS", header(response, "Allow"), method + " " + path);
            }
            Response options = anonymous().options(path);
            options.then().statusCode(204);
            assertEquals("GET, HEAD, OPTIONS", header(options, "Allow"), path);
        }
    }

    @Test
    void aBadChannelNameIs400() {
        for (String path : List.of("/v1/channels/-dash-first/stats", "/v1/channels/" + "x".repeat(129) + "/stats",
                "/v1/channels/a%20b/stats/series")) {
            Response response = anonymous().get(path);
            assertProblem(response, 400);
            assertEquals("urn:pollfeed:problem:invalid-channel", response.jsonPath().getString("type"), path);
        }
    }

    private static List<String> paths(String channel) {
        return List.of("/v1/channels/" + channel + "/stats", "/v1/channels/" + channel + "/stats/series");
    }
}
