package dev.pollfeed.events.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.testing.DefaultConfig;

class PublishBodyParserTest {

    private final PublishBodyParser parser = new PublishBodyParser(DefaultConfig.defaults());

    private List<NewEvent> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private int status(String body) {
        return assertThrows(Problem.class, () -> parse(body)).status();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "null", "true", "1", "\"x\"", "[]", "[1]", "[{\"data\":1}, 2]", "{\"data\":1} x",
            "{\"data\":1", "{\"data\":tru}", "{\"type\":\"bad type\",\"data\":1}", "{\"type\":\"\",\"data\":1}",
            "{\"type\":1,\"data\":1}", "{\"type\":\"a\",\"type\":\"b\",\"data\":1}", "{\"data\":1,\"data\":2}",
            "{\"data\":\"\\u0000\"}", "{\"data\":{\"\\u0000\":1}}", "{\"data\":\"\\ud800\"}", "{\"data\":\"\\udc00x\"}",
            "{\"data\":1e200000}", "{\"data\":1e-200000}", "{\"data\":NaN}", "{\"data\":01}", "{\"data\":[1,]}",
            "  ", "{\"data\":'x'}"})
    void rejectsWithBadRequest(String body) {
        assertEquals(400, status(body));
    }

    @Test
    void keepsDataExactlyAsReceived() {
        String data = "{ \"big\": 123456789012345678901234567890, \"f\": 0.1000000000000000055511151231257827,"
                + " \"e\": 1E+400, \"s\": \"h\\u00e9\\ud83d\\ude00 \\\"q\\\"\", \"n\": [null, true, false, -0, []] }";
        List<NewEvent> events = parse("{\"data\": " + data + ", \"extra\": {\"ignored\": [1, 2]}}");
        assertEquals(List.of(new NewEvent("message", data)), events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-12.5e3", "\"text\"", "\"\"", "true", "false", "null", "[]", "{}",
            "123456789012345678901234567890"})
    void acceptsAnyJsonValueAsData(String data) {
        assertEquals(data, parse("{\"data\":" + data + "}").get(0).dataJson());
        assertEquals(data, parse("[{\"type\":null,\"data\":" + data + "}]").get(0).dataJson());
    }

    @Test
    void appliesTheDefaultTypeAndKeepsGivenOnes() {
        List<NewEvent> events = parse(
                "[{\"data\":1},{\"type\":\"order.created:v2/eu-1_x\",\"data\":2},{\"type\":null,\"data\":3}]");
        assertEquals(List.of(new NewEvent("message", "1"), new NewEvent("order.created:v2/eu-1_x", "2"),
                new NewEvent("message", "3")), events);
    }

    @Test
    void batchesHoldOneToOneHundredEvents() {
        String event = "{\"data\":0}";
        assertEquals(100, parse("[" + String.join(",", java.util.Collections.nCopies(100, event)) + "]").size());
        assertEquals(400, status("[" + String.join(",", java.util.Collections.nCopies(101, event)) + "]"));
    }

    @Test
    void nestingIsLimitedToOneHundredLevels() {
        assertEquals(1, parse("{\"data\":" + "[".repeat(100) + "]".repeat(100) + "}").size());
        assertEquals(400, status("{\"data\":" + "[".repeat(101) + "]".repeat(101) + "}"));
        assertEquals(400, status("{\"data\":" + "{\"a\":".repeat(101) + "1" + "}".repeat(101) + "}"));
        assertEquals(400, status("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"data\":1}"));
    }

    @Test
    void sizesAreLimited() {
        PublishBodyParser small = new PublishBodyParser(DefaultConfig.withLimits(10, 100));
        assertEquals("\"12345678\"", small.parse("{\"data\":\"12345678\"}".getBytes(StandardCharsets.UTF_8)).get(0).dataJson());
        assertEquals(413, assertThrows(Problem.class,
                () -> small.parse("{\"data\":\"123456789\"}".getBytes(StandardCharsets.UTF_8))).status());
        assertEquals(413, assertThrows(Problem.class,
                () -> small.parse(("[" + "{\"data\":1},".repeat(20) + "{\"data\":1}]").getBytes(StandardCharsets.UTF_8)))
                .status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e10:11", "1.5E-3:6", "-12.5e3:6", "0e5:1", "-0.0:3", "1.000:5", "100e-2:4", "1e-3:5",
            "-1E+2:4", "123.45:6"})
    void numbersAreMeasuredAsPostgresPrintsThem(String numberAndLength) {
        String[] parts = numberAndLength.split(":");
        assertEquals(Long.parseLong(parts[1]), PublishBodyParser.printedLength(new BigDecimal(parts[0])));
    }

    @Test
    void numbersCountAtTheirPrintedLength() {
        PublishBodyParser small = new PublishBodyParser(DefaultConfig.withLimits(10, 100));
        assertEquals("1e9", small.parse("{\"data\":1e9}".getBytes(StandardCharsets.UTF_8)).get(0).dataJson());
        assertEquals(413, assertThrows(Problem.class,
                () -> small.parse("{\"data\":[1e8]}".getBytes(StandardCharsets.UTF_8))).status());
        assertEquals(413, assertThrows(Problem.class,
                () -> small.parse("{\"data\":1e-9}".getBytes(StandardCharsets.UTF_8))).status());
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        PublishBodyParser small = new PublishBodyParser(DefaultConfig.withLimits(6, 100));
        assertEquals("\"éé\"", small.parse("{\"data\":\"éé\"}".getBytes(StandardCharsets.UTF_8)).get(0).dataJson());
        assertEquals(413, assertThrows(Problem.class,
                () -> small.parse("{\"data\":\"ééé\"}".getBytes(StandardCharsets.UTF_8))).status());
    }

    @Test
    void invalidUtf8IsABadRequest() {
        byte[] body = {'{', '"', 'd', 'a', 't', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertEquals(400, assertThrows(Problem.class, () -> parser.parse(body)).status());
    }
}
