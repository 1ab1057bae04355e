package dev.pollfeed.security.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.pollfeed.http.Utf8;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.domain.Scopes;

/**
 * Reads {@code {"name": "orders-service", "scopes": ["publish:orders.*"], "ratePerSecond": 50}}, refusing anything
 * else with a 400 that says what is wrong (a key with a misspelt scope must not be created with fewer rights than
 * meant, nor with more).
 */
@ApplicationScoped
class KeyRequestParser {

    private static final int MAX_BODY_BYTES = 16_384;
    private static final int MAX_RATE = 1_000_000;
    private static final Set<String> FIELDS = Set.of("name", "scopes", "ratePerSecond");
    /** Printable, no control characters: names show up in listings and logs. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S} ]{1,100}");

    private final ObjectReader json;

    KeyRequestParser(ObjectMapper json) {
        // Strict: a repeated member ("scopes" twice) or trailing text makes the request ambiguous, so it is refused.
        this.json = json.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    KeyRequest parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw Problem.tooLarge("A key request is at most " + MAX_BODY_BYTES + " bytes.");
        }
        if (!Utf8.isJsonText(body)) {
            throw invalid("The body is not UTF-8 JSON text.");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw invalid("The body is not JSON: send {\"name\": ..., \"scopes\": [...]}.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The body must be an object: {\"name\": ..., \"scopes\": [...]}.");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw invalid("Unknown member '" + field + "'; a key request has name, scopes and ratePerSecond.");
            }
        }
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual() || !NAME.matcher(name.textValue()).matches()) {
            throw invalid("name must be 1-100 printable characters.");
        }
        JsonNode scopes = root.get("scopes");
        if (scopes == null || !scopes.isArray()) {
            throw invalid("scopes must be an array such as [\"publish:orders.*\", \"read:orders.*\"].");
        }
        List<String> written = new ArrayList<>();
        for (JsonNode scope : scopes) {
            if (!scope.isTextual()) {
                throw invalid("Every scope is a string: publish:<pattern>, read:<pattern> or admin.");
            }
            written.add(scope.textValue());
        }
        Scopes parsed;
        try {
            parsed = Scopes.parse(written);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        JsonNode rate = root.get("ratePerSecond");
        Optional<Integer> ratePerSecond = Optional.empty();
        if (rate != null && !rate.isNull()) {
            if (!rate.isInt() || rate.intValue() < 1 || rate.intValue() > MAX_RATE) {
                throw invalid("ratePerSecond must be a whole number from 1 to " + MAX_RATE + ".");
            }
            ratePerSecond = Optional.of(rate.intValue());
        }
        return new KeyRequest(name.textValue(), parsed, ratePerSecond);
    }

    private static Problem invalid(String detail) {
        return Problem.of(400, "invalid-key-request", "Invalid key request", detail);
    }
}
