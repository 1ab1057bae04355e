package dev.pollfeed.events.rest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.http.Utf8;
import dev.pollfeed.problem.Problem;

/**
 * Reads a publish body, one event object or an array of 1–100, in one streaming pass that validates everything
 * PostgreSQL would otherwise reject halfway through a transaction, and keeps each {@code data} value as the exact
 * text received (no number ever passes through a double).
 */
@ApplicationScoped
class PublishBodyParser {

    static final int MAX_BATCH = 100;
    static final int MAX_DEPTH = 100;
    /** PostgreSQL numeric: up to 131072 digits before the decimal point and 16383 after. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    private final JsonFactory factory;
    private final PollfeedConfig config;

    PublishBodyParser(PollfeedConfig config) {
        this.config = config;
        this.factory = JsonFactory.builder()
                // The array and the event object wrap data, which may nest MAX_DEPTH levels itself.
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build())
                .build();
    }

    List<NewEvent> parse(byte[] body) {
        if (body.length > config.limits().maxRequestBytes()) {
            throw Problem.tooLarge("The request body is " + body.length + " bytes; the limit is "
                    + config.limits().maxRequestBytes() + ".");
        }
        if (body.length == 0) {
            throw invalid("The body is empty; send an event object or an array of event objects.");
        }
        if (!Utf8.isJsonText(body)) {
            throw invalid("The body is not UTF-8 JSON text (malformed UTF-8, a NUL byte, or UTF-16/UTF-32).");
        }
        try (JsonParser json = factory.createParser(body)) {
            List<NewEvent> events = new ArrayList<>();
            JsonToken first = json.nextToken();
            if (first == JsonToken.START_OBJECT) {
                events.add(event(json, body, -1));
            } else if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                    if (token != JsonToken.START_OBJECT) {
                        throw invalid("Element " + events.size() + " of the array is not an event object.");
                    }
                    if (events.size() == MAX_BATCH) {
                        throw invalid("A batch holds at most " + MAX_BATCH + " events.");
                    }
                    events.add(event(json, body, events.size()));
                }
                if (events.isEmpty()) {
                    throw invalid("The array is empty; a batch holds 1 to " + MAX_BATCH + " events.");
                }
            } else {
                throw invalid("The body must be an event object or an array of event objects.");
            }
            if (json.nextToken() != null) {
                throw invalid("Unexpected content after the JSON value.");
            }
            return events;
        } catch (StreamConstraintsException e) {
            throw invalid("The JSON exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("The body could not be read as JSON.");
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid("A number in the body cannot be represented.");
        }
    }

    private NewEvent event(JsonParser json, byte[] body, int index) throws IOException {
        String where = index < 0 ? "The event" : "Event " + index;
        String type = null;
        boolean typeSeen = false;
        String data = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "type" -> {
                    if (typeSeen) {
                        throw invalid(where + " has 'type' twice.");
                    }
                    typeSeen = true;
                    if (value == JsonToken.VALUE_STRING) {
                        type = json.getText();
                        if (!TYPE.matcher(type).matches()) {
                            throw invalid(where + " has an invalid 'type': 1-128 characters of A-Z, a-z, 0-9 and . _ : / -");
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw invalid(where + " has a 'type' that is not a string.");
                    }
                }
                case "data" -> {
                    if (data != null) {
                        throw invalid(where + " has 'data' twice.");
                    }
                    data = data(json, body, where);
                }
                default -> json.skipChildren();
            }
        }
        if (data == null) {
            throw invalid(where + " has no 'data' (any JSON value, null included, is fine).");
        }
        return new NewEvent(type == null ? NewEvent.DEFAULT_TYPE : type, data);
    }

    /** Validates the value at the current token and returns its exact text as received. */
    private String data(JsonParser json, byte[] body, String where) throws IOException {
        long start = json.currentTokenLocation().getByteOffset();
        long growth = validate(json, 1, where);
        long end = json.currentLocation().getByteOffset();
        if (end - start + growth > config.limits().maxEventDataBytes()) {
            throw Problem.tooLarge(where + "'s data is " + (end - start + growth)
                    + " bytes with its numbers written out in full, as PostgreSQL returns them; the limit is "
                    + config.limits().maxEventDataBytes() + ".");
        }
        return new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }

    /**
     * Leaves the parser on the last token of the value (strings fully read, so the location is past them) and returns
     * how many bytes longer its numbers are when PostgreSQL prints them: {@code 1e100000} is 8 bytes here, 100001 there.
     */
    private static long validate(JsonParser json, int depth, String where) throws IOException {
        long growth = 0;
        switch (json.currentToken()) {
            case START_OBJECT -> {
                checkDepth(depth, where);
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    checkString(json.currentName(), where);
                    json.nextToken();
                    growth += validate(json, depth + 1, where);
                }
            }
            case START_ARRAY -> {
                checkDepth(depth, where);
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    growth += validate(json, depth + 1, where);
                }
            }
            case VALUE_STRING -> checkString(json.getText(), where);
            case VALUE_NUMBER_FLOAT -> {
                BigDecimal number = json.getDecimalValue();
                checkNumber(number, where);
                growth = Math.max(0, printedLength(number) - json.getTextLength());
            }
            default -> {
                // Integers (at most 1000 digits by the parser's constraints, printed as received), true, false, null.
            }
        }
        return growth;
    }

    /** Length of PostgreSQL's numeric output: no exponent, every digit of the scale after the point. */
    static long printedLength(BigDecimal number) {
        long integerDigits = number.signum() == 0 ? 1 : Math.max(1, (long) number.precision() - number.scale());
        long fraction = number.scale() > 0 ? 1L + number.scale() : 0;
        return (number.signum() < 0 ? 1 : 0) + integerDigits + fraction;
    }

    private static void checkDepth(int depth, String where) {
        if (depth > MAX_DEPTH) {
            throw invalid(where + "'s data nests deeper than " + MAX_DEPTH + " levels.");
        }
    }

    private static void checkNumber(BigDecimal number, String where) {
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > MAX_INTEGER_DIGITS || number.scale() > MAX_FRACTION_DIGITS) {
            throw invalid(where + "'s data holds a number outside PostgreSQL's numeric range.");
        }
    }

    /** jsonb rejects U+0000 and unpaired surrogates (which cannot be encoded as UTF-8). */
    private static void checkString(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw invalid(where + "'s data holds the character U+0000, which PostgreSQL cannot store.");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(where + "'s data holds an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not a Unicode character.");
            }
        }
    }

    private static Problem invalid(String detail) {
        return Problem.of(400, "invalid-event", "Invalid event", detail);
    }

}
