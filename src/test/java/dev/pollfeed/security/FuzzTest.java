package dev.pollfeed.security;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import dev.pollfeed.security.FuzzBodies.Event;
import dev.pollfeed.security.FuzzRequests.Auth;
import dev.pollfeed.security.FuzzRequests.FuzzRequest;
import dev.pollfeed.security.FuzzRequests.Secrets;
import dev.pollfeed.security.FuzzWire.Reply;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.Tokens;

/**
 * Throws a few thousand random and mutated requests at the API ({@link FuzzRequests}, {@link FuzzBodies}) over real
 * HTTP ({@link FuzzWire}) and holds the server to three promises:
 * <ul>
 * <li>no answer is a 5xx, and every request is answered: whatever a client sends is its mistake, or it works;</li>
 * <li>every 4xx is an {@code application/problem+json} document. The only bare refusals allowed come from the HTTP
 * codec, before the application exists for the request: oversized headers (431), and requests that are not HTTP/1.1
 * at all, such as a control character in a field value (400);</li>
 * <li>the database holds exactly the events that were acknowledged: every 201's seqs and nothing a refused request
 * sent, gapless 1..head per channel, with a channel row and an idempotency key row to match.</li>
 * </ul>
 * Requests go out one at a time, so every new publish must also get its channel's next seq and every poll may only
 * return acknowledged events. Where the generator knows the documented answer (a 401, a 422 for a reused key, a 201
 * for a valid batch) it checks that too, and that a 2xx was allowed for the credentials sent.
 * <p>
 * A run is reproducible: the seed is printed and {@code -Dfuzz.seed=N} sends the same requests again (to fresh channel
 * names); {@code -Dfuzz.trace=true} prints each request and status.
 */
@QuarkusTest
@TestProfile(SecureProfile.class)
class FuzzTest {

    /** Requests per run (the once-per-run cases included): every generator many times over, well under a minute. */
    static final int REQUESTS = 3_200;
    /** Not under pollfeed.*: that prefix belongs to the application config, which refuses unknown names. */
    static final String SEED_PROPERTY = "fuzz.seed";
    /** {@code -Dfuzz.trace=true} prints every request and status, to follow a reproduction step by step. */
    private static final boolean TRACE = Boolean.getBoolean("fuzz.trace");
    /** What a transport may answer to oversized headers without a problem document. */
    private static final Set<Integer> BARE_HEADER_REFUSALS = Set.of(431, 413, 400);
    private static final int MAX_REPORTED_FAILURES = 25;

    /** Exact numbers and order-insensitive objects: the same JSON value compares equal however it is spelled. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            // jsonb writes 1e131071 out in full: an answer may hold numbers far longer than Jackson's default cap.
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    @Inject
    AgroalDataSource database;

    @Test
    void randomAndMutatedRequestsNeverFailTheServerAndStoreExactlyWhatWasAcknowledged() throws Exception {
        long seed = seed();
        String reproduce = "seed " + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")";
        // The run's channels carry a fresh id: the seed replays the requests, not the names, so reruns never collide.
        String run = "fz" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Random random = new Random(seed);
        FuzzRequests requests = new FuzzRequests(random, run, secrets());
        Set<Integer> oncePositions = oncePositions(random, requests.onceCases());
        Ledger ledger = new Ledger();
        Map<Integer, Integer> histogram = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> defects = new TreeMap<>();
        Instant started = Instant.now();
        URI base = URI.create(RestAssured.baseURI);
        int sent = 0;
        FuzzWire wire = new FuzzWire(base.getHost(), RestAssured.port);
        int onceIndex = 0;
        for (int i = 0; i < REQUESTS; i++) {
            FuzzRequest request = oncePositions.contains(i) ? requests.onceCase(onceIndex++) : requests.next();
            kinds.merge(request.kind().replaceAll("(?s)[ :(].*", ""), 1, Integer::sum);
            sent++;
            if (TRACE) {
                System.out.println("FuzzTest #" + i + " " + request.describe());
            }
            Reply reply;
            try {
                reply = wire.send(request);
            } catch (IOException e) {
                // No answer at all: on the Lambda transport one stuck invocation blocks every later one, so the
                // run stops here, with this request as the reproduction.
                histogram.merge(-1, 1, Integer::sum);
                defects.merge("no answer", 1, Integer::sum);
                failures.add("#" + i + " " + request.describe() + "\n    -> no answer: " + e);
                break;
            }
            histogram.merge(reply.status(), 1, Integer::sum);
            if (TRACE) {
                System.out
                        .println("FuzzTest #" + i + " -> " + reply.status() + " " + FuzzRequests.printable(reply.body(), 200));
            }
            for (String defect : check(request, reply, ledger, run)) {
                // Counted by kind: seq lists vary from one occurrence to the next, statuses are the point.
                defects.merge(defect.replaceAll("\\[[^]]*]", "[...]"), 1, Integer::sum);
                failures.add("#" + i + " " + request.describe() + "\n    -> " + reply.status() + " "
                        + reply.header("content-type") + " " + FuzzRequests.printable(reply.body(), 300)
                        + "\n    " + defect);
            }
        }
        Duration took = Duration.between(started, Instant.now());
        failures.forEach(failure -> System.out.println("FuzzTest failure " + failure));
        System.out.printf(Locale.ROOT, "FuzzTest: %d requests in %.1f s, %s%n  statuses: %s%n  kinds: %s%n"
                + "  acknowledged: %d events in %d channels, %d keyed publishes, %d idempotent replays%n",
                sent, took.toMillis() / 1000.0, reproduce, histogram, kinds, ledger.eventCount(),
                ledger.events.size(), ledger.keys.size(), ledger.replays);

        // The database is compared even after failed answers: a broken promise there is the more serious one.
        List<String> differences = databaseDifferences(run, ledger);
        String answers = failures.size() + " broken promises in " + sent + " answers; " + reproduce + "\n"
                + defects.entrySet()
                        .stream()
                        .map(defect -> "  " + defect.getValue() + " x " + defect.getKey())
                        .collect(Collectors.joining("\n"))
                + "\nthe first " + Math.min(failures.size(), MAX_REPORTED_FAILURES) + ":\n"
                + failures.stream().limit(MAX_REPORTED_FAILURES).collect(Collectors.joining("\n"));
        assertAll(
                () -> assertTrue(failures.isEmpty(), answers),
                () -> assertEquals(List.of(), differences, "the database differs from what was acknowledged; " + reproduce));
    }

    private static long seed() {
        String configured = System.getProperty(SEED_PROPERTY);
        return configured == null || configured.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(configured.strip());
    }

    /** Where the cases sent once per run go: spread over the run. */
    private static Set<Integer> oncePositions(Random random, int count) {
        Set<Integer> positions = new TreeSet<>();
        while (positions.size() < count) {
            positions.add(random.nextInt(REQUESTS));
        }
        return positions;
    }

    /** One credential of every kind, made the way deployers make them (see {@link Credentials}). */
    private static Secrets secrets() {
        String revoked = Credentials.key("fuzz-revoked", "admin", "publish:*", "read:*");
        Credentials.revoke(revoked);
        return new Secrets(
                Credentials.key("fuzz-publisher", "publish:priv.*", "publish:open.*", "read:priv.*"),
                Credentials.key("fuzz-reader", "read:priv.*"),
                revoked,
                Tokens.hs256(List.of("priv.*"), List.of("priv.*")),
                Tokens.rs256("rsa", null, List.of("priv.*")),
                Tokens.es256("ec", List.of("priv.*")),
                Tokens.hs256(List.of("other.*"), List.of("other.*")),
                Credentials.expiredToken(List.of("*"), List.of("*")),
                Tokens.unsigned(Tokens.claims(List.of("*"), List.of("*"), Instant.now().plusSeconds(3600))),
                Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, Tokens.hmac("not-the-secret-0123456789abcdefghijklmnopqrstuv"),
                        null, Tokens.claims(List.of("*"), List.of("*"), Instant.now().plusSeconds(3600))));
    }

    // --- Per-answer checks ----------------------------------------------------------------------------------------

    /** Every promise one answer breaks, as messages; empty when it keeps them all. */
    private static List<String> check(FuzzRequest request, Reply reply, Ledger ledger, String run) {
        List<String> defects = new ArrayList<>();
        int status = reply.status();
        if (status >= 500) {
            defects.add("a server error: no request may cause a 5xx");
        }
        if (status >= 400) {
            // Refused by the HTTP codec before the application exists for the request: oversized headers (431), and
            // requests that are not HTTP/1.1 at all (400). Nothing else may answer without a problem document.
            boolean transportRefusal = !isProblemJson(reply)
                    && (request.hugeHeaders() && BARE_HEADER_REFUSALS.contains(status)
                            || request.malformedHttp() && status == 400);
            if (!transportRefusal) {
                String defect = problemDefect(request, reply);
                if (defect != null) {
                    defects.add(defect);
                }
            }
        }
        if (request.expected() == FuzzRequests.REFUSED
                ? status < 400 || status >= 500
                : request.expected() != FuzzRequests.ANY && status != request.expected()) {
            defects.add("expected " + (request.expected() == FuzzRequests.REFUSED ? "a refusal (4xx)" : request.expected())
                    + ", got " + status);
        }
        if (status >= 200 && status < 300 && !request.method().equals("OPTIONS")) {
            JsonNode body = json(reply);
            if (body == null && reply.body().length > 0 && isJson(reply)) {
                defects.add("a " + status + " whose JSON body cannot be read");
            }
            String refusal = unauthorisedSuccess(request, reply, body);
            if (refusal != null) {
                defects.add(refusal);
            }
            if (body != null && request.method().equals("POST") && body.has("channel") && body.has("events")
                    && !body.has("next")) {
                defects.addAll(status == 201 ? acknowledge(request, body, ledger) : replayed(request, reply, body, ledger));
            } else if (body != null && request.method().equals("GET")) {
                defects.addAll(polled(body, ledger, run));
            }
        }
        return defects;
    }

    private static boolean isJson(Reply reply) {
        String type = reply.header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static boolean isProblemJson(Reply reply) {
        String type = reply.header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
    }

    /** RFC 9457 as this API promises it: type, title, status, detail; never cached; never a stack trace. */
    private static String problemDefect(FuzzRequest request, Reply reply) {
        if (!isProblemJson(reply)) {
            return "a " + reply.status() + " that is not application/problem+json";
        }
        if (!"no-store".equals(reply.header("cache-control"))) {
            return "a problem without Cache-Control: no-store (" + reply.header("cache-control") + ")";
        }
        if (request.method().equals("HEAD")) {
            return null;
        }
        JsonNode problem = json(reply);
        if (problem == null || !problem.isObject()) {
            return "a problem document that is not a JSON object";
        }
        if (!problem.path("type").asText("").startsWith("urn:pollfeed:problem:") || !problem.path("title").isTextual()
                || !problem.path("detail").isTextual() || problem.path("status").asInt() != reply.status()) {
            return "a problem document without type, title, detail and the response's status";
        }
        if (reply.text().contains("\tat ")) {
            return "a stack trace in a problem document";
        }
        return null;
    }

    /** A 2xx must have been allowed for the credentials sent: publishing, reading, or managing keys. */
    private static String unauthorisedSuccess(FuzzRequest request, Reply reply, JsonNode body) {
        Auth auth = request.auth();
        if (body == null) {
            // HEAD, 204: judge by what the request named.
            if (request.method().equals("HEAD") && request.channels() != null
                    && (request.endpoint() == FuzzRequests.Endpoint.POLL
                            || request.endpoint() == FuzzRequests.Endpoint.MULTI_POLL)
                    && !request.channels().stream().allMatch(auth::mayRead)) {
                return "a " + reply.status() + " to HEAD on " + request.channels() + " for " + auth;
            }
            if (reply.status() == 204 && !auth.admin) {
                return "a 204 (key revoked?) for " + auth;
            }
            return null;
        }
        if (request.method().equals("POST") && body.has("channel") && body.has("events")
                && !auth.mayPublish(body.get("channel").asText())) {
            return "published to " + body.get("channel").asText() + " with " + auth;
        }
        if (request.method().equals("GET") && body.has("channel") && (body.has("events") || body.has("head"))
                && !auth.mayRead(body.get("channel").asText())) {
            return "read " + body.get("channel").asText() + " with " + auth;
        }
        if (body.path("channels").isObject()) {
            for (String channel : (Iterable<String>) () -> body.get("channels").fieldNames()) {
                if (!auth.mayRead(channel)) {
                    return "read " + channel + " (multi-poll) with " + auth;
                }
            }
        }
        if ((body.has("key") || body.has("keys") || body.has("eventsStored")) && !auth.admin) {
            return "an admin answer (" + reply.status() + ") for " + auth;
        }
        return null;
    }

    /**
     * A 201: new seqs, the channel's next ones (requests are sequential), as many as events were sent, echoing them.
     */
    private static List<String> acknowledge(FuzzRequest request, JsonNode body, Ledger ledger) {
        List<String> defects = new ArrayList<>();
        String channel = body.get("channel").asText();
        List<Long> seqs = new ArrayList<>();
        body.get("events").forEach(event -> seqs.add(event.path("seq").asLong(-1)));
        TreeSet<Long> known = ledger.events.computeIfAbsent(channel, name -> new TreeSet<>());
        long head = known.isEmpty() ? 0 : known.last();
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != head + 1 + i) {
                defects.add("acknowledged seqs " + seqs + " on " + channel + " whose head was " + head
                        + ": not the next ones");
                break;
            }
        }
        if (seqs.isEmpty()) {
            defects.add("a 201 that acknowledges no event");
        }
        for (long seq : seqs) {
            if (!known.add(seq)) {
                defects.add("seq " + seq + " of " + channel + " acknowledged twice");
            }
        }
        List<Event> expected = request.events();
        if (expected != null) {
            defects.addAll(echoDefects(expected, body.get("events")));
        }
        if (request.claims() != null) {
            request.claims().seqs = seqs;
        }
        String key = singleHeader(request, "Idempotency-Key");
        if (key != null && !seqs.isEmpty()) {
            // HTTP drops the spaces around a field value; the server stores the key as it reads it.
            ledger.keys.put(new KeyRow(channel, key.strip()), List.of(seqs.get(0), seqs.get(seqs.size() - 1)));
        }
        return defects;
    }

    /** Types and data as sent (as JSON values: jsonb may re-spell them), in order. */
    private static List<String> echoDefects(List<Event> expected, JsonNode events) {
        if (events.size() != expected.size()) {
            return List.of(events.size() + " events acknowledged for " + expected.size() + " sent");
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode event = events.get(i);
            if (!expected.get(i).type().equals(event.path("type").asText())) {
                return List.of("event " + i + " stored with type " + event.path("type") + ", sent "
                        + expected.get(i).type());
            }
            try {
                if (!JSON.readTree(expected.get(i).data()).equals(event.get("data"))) {
                    return List.of("event " + i + " stored data " + abbreviate(event.get("data").toString())
                            + ", sent " + abbreviate(expected.get(i).data()));
                }
            } catch (IOException e) {
                return List.of("event " + i + " data could not be compared: " + e.getMessage());
            }
        }
        return List.of();
    }

    /** A 200 to a publish: an idempotent replay, which stores nothing and returns what the first request stored. */
    private static List<String> replayed(FuzzRequest request, Reply reply, JsonNode body, Ledger ledger) {
        List<String> defects = new ArrayList<>();
        ledger.replays++;
        if (!"true".equals(reply.header("Idempotent-Replayed"))) {
            defects.add("a 200 to a publish without Idempotent-Replayed: true");
        }
        String channel = body.get("channel").asText();
        List<Long> seqs = new ArrayList<>();
        body.get("events").forEach(event -> seqs.add(event.path("seq").asLong(-1)));
        Set<Long> known = ledger.events.getOrDefault(channel, new TreeSet<>());
        if (!known.containsAll(seqs)) {
            defects.add("a replay of seqs " + seqs + " that were never acknowledged on " + channel);
        }
        if (request.replays() != null && !seqs.equals(request.replays().seqs)) {
            defects.add("a replay of seqs " + seqs + " for a key first acknowledged as " + request.replays().seqs);
        }
        return defects;
    }

    /** A page of this run's channels may only hold acknowledged events, and reaches the acknowledged head. */
    private static List<String> polled(JsonNode body, Ledger ledger, String run) {
        List<String> defects = new ArrayList<>();
        if (body.path("channels").isObject()) {
            body.get("channels")
                    .fields()
                    .forEachRemaining(page -> defects.addAll(page(page.getKey(), page.getValue(), ledger, run)));
        } else if (body.has("channel") && body.has("events") && body.has("next")) {
            defects.addAll(page(body.get("channel").asText(), body, ledger, run));
        }
        return defects;
    }

    private static List<String> page(String channel, JsonNode page, Ledger ledger, String run) {
        if (!channel.contains(run)) {
            return List.of();
        }
        TreeSet<Long> known = ledger.events.getOrDefault(channel, new TreeSet<>());
        List<Long> seqs = new ArrayList<>();
        page.path("events").forEach(event -> seqs.add(event.path("seq").asLong(-1)));
        if (!known.containsAll(seqs)) {
            return List.of("a poll of " + channel + " returned seqs " + seqs + ", acknowledged up to "
                    + (known.isEmpty() ? 0 : known.last()) + ": stored but never acknowledged");
        }
        if (!seqs.isEmpty() && !page.path("more").asBoolean() && !seqs.get(seqs.size() - 1).equals(known.last())) {
            return List.of("a last page of " + channel + " ending at " + seqs.get(seqs.size() - 1) + ", acknowledged up to "
                    + known.last() + ": acknowledged but not stored");
        }
        return List.of();
    }

    // --- The ledger and the database ------------------------------------------------------------------------------

    record KeyRow(String channel, String key) {
    }

    /** What the server acknowledged: seqs per channel (from 201s), and the first and last seq per claimed key. */
    static final class Ledger {

        final Map<String, TreeSet<Long>> events = new TreeMap<>();
        final Map<KeyRow, List<Long>> keys = new LinkedHashMap<>();
        int replays;

        int eventCount() {
            return events.values().stream().mapToInt(Set::size).sum();
        }
    }

    /**
     * Reads PostgreSQL directly: the run's events, channel rows and idempotency keys must be exactly what was
     * acknowledged. A refused request that stored anything, or a 201 that stored nothing, shows up here.
     */
    private List<String> databaseDifferences(String run, Ledger ledger) throws SQLException {
        Map<String, TreeSet<Long>> acknowledged = new TreeMap<>();
        ledger.events.forEach((channel, seqs) -> {
            if (!seqs.isEmpty()) {
                acknowledged.put(channel, seqs);
            }
        });
        Map<String, TreeSet<Long>> stored = new TreeMap<>();
        Map<String, long[]> heads = new TreeMap<>();
        Map<KeyRow, List<Long>> keys = new LinkedHashMap<>();
        try (Connection connection = database.getConnection()) {
            // Mutated names (PRIV.<run>.a, <name>.., a 128-character name) all carry the run id; any other channel
            // acknowledged on the way is asked for by name.
            Array named = connection.createArrayOf("text", acknowledged.keySet().toArray());
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT channel, seq FROM events WHERE strpos(channel, ?) > 0 OR channel = ANY (?)")) {
                query.setString(1, run);
                query.setArray(2, named);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        stored.computeIfAbsent(rows.getString(1), name -> new TreeSet<>()).add(rows.getLong(2));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, head, oldest FROM channels WHERE strpos(name, ?) > 0 OR name = ANY (?)")) {
                query.setString(1, run);
                query.setArray(2, named);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        heads.put(rows.getString(1), new long[]{rows.getLong(2), rows.getLong(3)});
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT channel, key, first_seq, last_seq FROM idempotency_keys WHERE strpos(channel, ?) > 0 OR channel = ANY (?)")) {
                query.setString(1, run);
                query.setArray(2, named);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keys.put(new KeyRow(rows.getString(1), rows.getString(2)), List.of(rows.getLong(3), rows.getLong(4)));
                    }
                }
            }
        }
        List<String> differences = new ArrayList<>();
        Set<String> channels = new TreeSet<>(acknowledged.keySet());
        channels.addAll(stored.keySet());
        for (String channel : channels) {
            Set<Long> sent = acknowledged.getOrDefault(channel, new TreeSet<>());
            Set<Long> held = stored.getOrDefault(channel, new TreeSet<>());
            Set<Long> unacknowledged = new TreeSet<>(held);
            unacknowledged.removeAll(sent);
            Set<Long> lost = new TreeSet<>(sent);
            lost.removeAll(held);
            if (!unacknowledged.isEmpty()) {
                differences.add(channel + ": stored but never acknowledged: " + unacknowledged);
            }
            if (!lost.isEmpty()) {
                differences.add(channel + ": acknowledged but not stored: " + lost);
            }
            long count = held.size();
            if (!held.isEmpty() && (((TreeSet<Long>) held).first() != 1 || ((TreeSet<Long>) held).last() != count)) {
                differences.add(channel + ": seqs are not gapless 1.." + count + ": " + held);
            }
            long[] row = heads.get(channel);
            if (row == null || row[0] != count || row[1] != 1) {
                differences.add(channel + ": channels row " + (row == null
                        ? "missing"
                        : "head " + row[0] + ", oldest "
                                + row[1])
                        + " for " + count + " stored events");
            }
        }
        Set<String> emptyRows = new HashSet<>(heads.keySet());
        emptyRows.removeAll(channels);
        if (!emptyRows.isEmpty()) {
            differences.add("channels rows without events: " + emptyRows);
        }
        if (!keys.equals(ledger.keys)) {
            Map<KeyRow, List<Long>> extra = new LinkedHashMap<>(keys);
            ledger.keys.keySet().forEach(extra::remove);
            Map<KeyRow, List<Long>> missing = new LinkedHashMap<>(ledger.keys);
            keys.keySet().forEach(missing::remove);
            differences.add("idempotency keys differ: claimed without an acknowledged publish " + extra
                    + "; acknowledged but not recorded (or with other seqs) " + missing);
        }
        System.out.printf(Locale.ROOT, "FuzzTest: database holds %d events in %d channels and %d idempotency keys%n",
                stored.values().stream().mapToInt(Set::size).sum(), stored.size(), keys.size());
        return differences;
    }

    // --- Helpers --------------------------------------------------------------------------------------------------

    private static JsonNode json(Reply reply) {
        if (reply.body().length == 0) {
            return null;
        }
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** The header's value if the request sent it exactly once (a repeated one is refused before anything is stored). */
    private static String singleHeader(FuzzRequest request, String name) {
        List<String> values = request.headers()
                .stream()
                .filter(header -> header[0].equalsIgnoreCase(name))
                .map(header -> header[1])
                .toList();
        return values.size() == 1 ? values.get(0) : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }
}
