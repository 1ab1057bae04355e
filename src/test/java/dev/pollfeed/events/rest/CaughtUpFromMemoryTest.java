package dev.pollfeed.events.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.service.PollAnswer;
import dev.pollfeed.events.service.PollRequest;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.testing.Api;

/**
 * An anonymous poll of public channels that memory answers whole (caught up with the heads in memory, or pages of
 * recent events) is answered at once ({@link PollService#fromMemory}), one with credentials through the guard and the
 * Uni chain: both must give the same bytes, status, headers and body (bench/README.md, "Where the time goes").
 */
@QuarkusTest
class CaughtUpFromMemoryTest {

    @Inject
    PollService polls;

    @Test
    void aCaughtUpPollOfOneChannelFromMemoryIsTheSameAnswerAsThroughTheGuard() {
        String channel = Api.channel("memory-one");
        Api.publishNumbered(channel, 3);
        String path = "/v1/channels/" + channel + "/events?since=3";
        String etag = Api.poll(channel, "since=3").then().statusCode(200).extract().header("ETag");

        assertNotNull(fromMemory(List.of(channel), false, etag::equals), "answered from memory");
        assertSame(Api.anonymous().header("If-None-Match", etag), Api.request().header("If-None-Match", etag), path,
                304);
        assertSame(Api.anonymous(), Api.request(), path, 200);
        assertSame(Api.anonymous().header("If-None-Match", "\"other\""),
                Api.request().header("If-None-Match", "\"other\""), path, 200);
    }

    @Test
    void aCaughtUpPollOfSeveralChannelsFromMemoryIsTheSameAnswerAsThroughTheGuard() {
        String a = Api.channel("memory-a");
        String b = Api.channel("memory-b");
        Api.publishNumbered(a, 2);
        Api.publishNumbered(b, 5);
        String path = "/v1/events?channels=" + a + ":2," + b + ":5";
        String etag = Api.request().get(path).then().statusCode(200).extract().header("ETag");

        assertNotNull(fromMemory(List.of(a, b), true, etag::equals), "answered from memory");
        assertSame(Api.anonymous().header("If-None-Match", etag), Api.request().header("If-None-Match", etag), path,
                304);
        assertSame(Api.anonymous(), Api.request(), path, 200);
    }

    @Test
    void aPollBehindTheHeadOrFromNowIsNotAnsweredFromMemory() {
        String channel = Api.channel("memory-behind");
        Api.publishNumbered(channel, 3);
        Api.poll(channel, "since=3").then().statusCode(200);

        PollRequest behind = new PollRequest(List.of(ChannelName.parse(channel)), List.of(new Since.After(2)), 100,
                false, false, tag -> false);
        PollRequest now = new PollRequest(List.of(ChannelName.parse(channel)), List.of(new Since.Now()), 100, false,
                false, tag -> false);
        assertNull(polls.fromMemory(behind));
        assertNull(polls.fromMemory(now));
        Api.anonymous().get("/v1/channels/" + channel + "/events?since=2").then().statusCode(200);
    }

    @Test
    void pagesOfRecentEventsAreAnsweredAtOnceWithTheSameBytesAsThroughTheGuard() {
        String a = Api.channel("memory-pages-a");
        String b = Api.channel("memory-pages-b");
        Api.publishNumbered(a, 3);
        Api.publishNumbered(b, 4);
        String many = "/v1/events?channels=" + a + ":2," + b + ":3";
        String one = "/v1/channels/" + b + "/events?since=1";
        // The first reads keep the events in memory (RecentEvents); the polls after them are answered from there.
        Api.request().get(many).then().statusCode(200);
        Api.request().get(one).then().statusCode(200);

        PollAnswer answer = null;
        for (int attempt = 0; attempt < 10 && !(answer instanceof PollAnswer.Pages); attempt++) {
            answer = polls.fromMemory(new PollRequest(List.of(ChannelName.parse(a), ChannelName.parse(b)),
                    List.of(new Since.After(2), new Since.After(3)), 100, true, false, tag -> false));
        }
        assertTrue(answer instanceof PollAnswer.Pages, "answered from memory at once");
        assertEquals(2, ((PollAnswer.Pages) answer).pages().size());
        assertSame(Api.anonymous(), Api.request(), many, 200);
        assertSame(Api.anonymous(), Api.request(), one, 200);
        String etag = Api.request().get(many).then().statusCode(200).extract().header("ETag");
        assertSame(Api.anonymous().header("If-None-Match", etag), Api.request().header("If-None-Match", etag), many,
                304);
    }

    /**
     * The answer from memory right after the heads were read (a read keeps them fresh for the bound, a second in
     * tests); a few tries, as a loaded machine may take longer than that between two statements.
     */
    private PollAnswer fromMemory(List<String> channels, boolean many, Predicate<String> held) {
        List<ChannelName> names = channels.stream().map(ChannelName::parse).toList();
        PollAnswer answer = null;
        for (int attempt = 0; attempt < 10 && answer == null; attempt++) {
            List<Since> since = channels.stream().map(name -> (Since) new Since.After(Api.head(name))).toList();
            answer = polls.fromMemory(new PollRequest(names, since, 100, many, true, held));
        }
        return answer;
    }

    private static void assertSame(RequestSpecification fromMemory, RequestSpecification throughGuard, String path,
            int status) {
        Response memory = fromMemory.get(path);
        Response guarded = throughGuard.get(path);
        assertEquals(status, memory.statusCode());
        assertEquals(status, guarded.statusCode());
        assertEquals(headers(guarded), headers(memory));
        assertArrayEquals(guarded.asByteArray(), memory.asByteArray());
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().forEach(header -> headers.merge(header.getName(), header.getValue(), (x, y) -> x + ", " + y));
        return headers;
    }
}
