package dev.pollfeed.observability;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.request;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.pollfeed.testing.Transport;

/** The server build exposes pollfeed's own counters at /q/metrics (Prometheus). */
@QuarkusTest
class MetricsTest {

    @Test
    void pollsWritesAndRejectionsAreCounted() {
        assumeFalse(Transport.lambda(), "the Lambda build has no metrics endpoint");
        double notModified = value("pollfeed_polls_total", "endpoint=\"single\",outcome=\"not_modified\"");
        double events = value("pollfeed_polls_total", "endpoint=\"single\",outcome=\"events\"");
        double created = value("pollfeed_publishes_total", "outcome=\"created\"");
        double rejected = value("pollfeed_rejected_total", "status=\"400\",type=\"invalid-event\"");

        String channel = channel("metrics");
        publish(channel, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        String etag = header(poll(channel, "since=0"), "ETag");
        request().header("If-None-Match", etag).get("/v1/channels/" + channel + "/events?since=0").then().statusCode(304);
        publish(channel, "{\"type\":\"bad type\",\"data\":1}").then().statusCode(400);

        assertTrue(value("pollfeed_polls_total", "endpoint=\"single\",outcome=\"not_modified\"") >= notModified + 1);
        assertTrue(value("pollfeed_polls_total", "endpoint=\"single\",outcome=\"events\"") >= events + 1);
        assertTrue(value("pollfeed_publishes_total", "outcome=\"created\"") >= created + 1);
        assertTrue(value("pollfeed_rejected_total", "status=\"400\",type=\"invalid-event\"") >= rejected + 1);
        assertTrue(request().get("/q/metrics").asString().contains("pollfeed_publish_latency_seconds"));
    }

    private static double value(String name, String labels) {
        String metrics = request().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("^" + name + "\\{" + Pattern.quote(labels) + "[^}]*} ([0-9.eE+-]+)$",
                Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
