package dev.pollfeed.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class AlbEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void singleValueRequestBecomesPayload2() throws Exception {
        JsonNode alb = JSON.readTree("""
                {"requestContext":{"elb":{"targetGroupArn":"arn:tg"}},"httpMethod":"POST","path":"/v1/channels/a/events",
                 "queryStringParameters":{"since":"0","limit":"10"},
                 "headers":{"Content-Type":"application/json","cookie":"a=1; b=2","x-forwarded-for":"203.0.113.7, 10.0.0.1"},
                 "body":"eyJkYXRhIjoxfQ==","isBase64Encoded":true}""");
        assertTrue(AlbEvents.isAlb(alb));
        assertFalse(AlbEvents.multiValue(alb));
        ObjectNode event = AlbEvents.toHttpApi(alb);
        assertEquals("2.0", event.get("version").asText());
        assertEquals("/v1/channels/a/events", event.get("rawPath").asText());
        assertEquals("since=0&limit=10", event.get("rawQueryString").asText());
        assertEquals("application/json", event.at("/headers/content-type").asText());
        assertEquals("a=1", event.at("/cookies/0").asText());
        assertEquals("b=2", event.at("/cookies/1").asText());
        assertEquals("POST", event.at("/requestContext/http/method").asText());
        assertEquals("203.0.113.7", event.at("/requestContext/http/sourceIp").asText());
        assertEquals("eyJkYXRhIjoxfQ==", event.get("body").asText());
        assertTrue(event.get("isBase64Encoded").asBoolean());
    }

    @Test
    void multiValueRequestKeepsEveryValueAndTheEncodedQuery() throws Exception {
        JsonNode alb = JSON.readTree("""
                {"requestContext":{"elb":{"targetGroupArn":"arn:tg"}},"httpMethod":"GET","path":"/v1/events",
                 "multiValueQueryStringParameters":{"channels":["a%3A0%2Cb%3A0"],"since":["1","2"]},
                 "multiValueHeaders":{"accept":["application/json","*/*"]},"body":"","isBase64Encoded":false}""");
        assertTrue(AlbEvents.multiValue(alb));
        ObjectNode event = AlbEvents.toHttpApi(alb);
        assertEquals("channels=a%3A0%2Cb%3A0&since=1&since=2", event.get("rawQueryString").asText());
        assertEquals("application/json,*/*", event.at("/headers/accept").asText());
        assertFalse(event.has("body"));
    }

    @Test
    void answerUsesTheRequestsHeaderForm() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"statusCode":304,"headers":{"ETag":"\\"x\\""},"multiValueHeaders":{"Vary":["Authorization","Origin"]},
                 "cookies":["s=1"],"body":"","isBase64Encoded":false}""");
        ObjectNode multi = AlbEvents.toAlb(answer, true);
        assertEquals("304 Not Modified", multi.get("statusDescription").asText());
        assertEquals("\"x\"", multi.at("/multiValueHeaders/etag/0").asText());
        assertEquals("Origin", multi.at("/multiValueHeaders/vary/1").asText());
        assertEquals("s=1", multi.at("/multiValueHeaders/set-cookie/0").asText());
        assertFalse(multi.has("headers"));
        ObjectNode single = AlbEvents.toAlb(answer, false);
        assertEquals("Authorization, Origin", single.at("/headers/vary").asText());
        assertFalse(single.has("multiValueHeaders"));
    }
}
