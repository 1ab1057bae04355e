package dev.pollfeed.security;

import static dev.pollfeed.security.FuzzBodies.MAX_REQUEST_BYTES;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.pollfeed.security.FuzzBodies.Body;
import dev.pollfeed.security.FuzzBodies.Event;
import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.Transport;

/**
 * The request stream of {@link FuzzTest}: valid and mutated publishes, polls with abused queries, mutated channel
 * names, odd methods, key requests, in every authentication state. Each request carries what the generator can
 * predict about it: the status (0 when it depends on the transport or the router), the events a 201 must echo, and
 * the channels it names, so that the runner can check that every answer was allowed for those credentials.
 */
final class FuzzRequests {

    private static final Pattern MALFORMED_TARGET = Pattern.compile("%(?![0-9A-Fa-f]{2})|[\\\\\\x00-\\x20\\x7F]");

    /** A status the generator does not predict. */
    static final int ANY = 0;
    /** Some 4xx, which one being the framework's choice: the request must be refused, and store nothing. */
    static final int REFUSED = -2;
    /** A check that passes: the request goes on to the next one. */
    private static final int PASS = -1;

    /** The credentials a request can carry, and what {@code SecureProfile} lets each of them do. */
    enum Auth {

        NONE(true, false, List.of(), List.of()), ADMIN(true, true, List.of(), List.of()),
        /** {@code bEaReR   <admin key>}: the scheme is case-insensitive and the spaces are stripped. */
        ADMIN_ODD_SCHEME(true, true, List.of(), List.of()), PUBLISHER_KEY(true, false, List.of("priv."),
                List.of("priv.", "open.")), PUBLISHER_TOKEN(true, false, List.of("priv."), List.of("priv.")), READER_KEY(true,
                        false, List.of("priv."),
                        List.of()), RS256_READER_TOKEN(true, false, List.of("priv."), List.of()), ES256_READER_TOKEN(true,
                                false, List.of("priv."), List.of()), OTHER_SCOPE_TOKEN(true, false, List.of("other."),
                                        List.of("other.")), GARBAGE_BEARER(false, false, List.of(), List.of()), BASIC(false,
                                                false, List.of(),
                                                List.of()), EMPTY_BEARER(false, false, List.of(), List.of()), TWO_HEADERS(false,
                                                        false, List.of(), List.of()), REVOKED_KEY(false, false, List.of(),
                                                                List.of()), EXPIRED_TOKEN(false, false, List.of(),
                                                                        List.of()), ALG_NONE_TOKEN(false, false, List.of(),
                                                                                List.of()), FORGED_TOKEN(false, false,
                                                                                        List.of(), List.of()),
        /** Over 8 KB of header field: the application's 401, or the transport's 431 before the application sees it. */
        OVERSIZED_BEARER(false, false, List.of(), List.of());

        final boolean valid;
        final boolean admin;
        private final List<String> read;
        private final List<String> publish;

        Auth(boolean valid, boolean admin, List<String> read, List<String> publish) {
            this.valid = valid;
            this.admin = admin;
            this.read = read;
            this.publish = publish;
        }

        boolean mayPublish(String channel) {
            return valid && (admin || channel.startsWith("open.") || publish.stream().anyMatch(channel::startsWith));
        }

        boolean mayRead(String channel) {
            return valid && (admin || channel.startsWith("public.") || read.stream().anyMatch(channel::startsWith));
        }
    }

    /** Credentials made through the admin API before the run (see {@link Credentials}). */
    record Secrets(String publisherKey, String readerKey, String revokedKey, String publisherToken,
            String rs256ReaderToken, String es256ReaderToken, String otherScopeToken, String expiredToken,
            String algNoneToken, String forgedToken) {
    }

    /** An Idempotency-Key used on a channel, and the seqs its 201 acknowledged (null until then). */
    static final class KeyUse {

        final String channel;
        final String key;
        final Body body;
        List<Long> seqs;

        KeyUse(String channel, String key, Body body) {
            this.channel = channel;
            this.key = key;
            this.body = body;
        }
    }

    enum Endpoint {
        PUBLISH, POLL, MULTI_POLL, KEYS, STATS, OTHER
    }

    /**
     * @param raw the request written out byte for byte (null: built from the other fields)
     * @param expected the status this request must get, {@link #REFUSED} for any 4xx, or {@link #ANY}
     * @param events what a 201 must echo, or null
     * @param channels the channels the request names (for checking 2xx answers to bodiless HEAD requests)
     * @param claims the key use a 201 acknowledges
     * @param replays the earlier key use whose seqs a 200 replay must return
     * @param hugeHeaders over 8 KB of header fields, more than a transport may accept: a bare 431 (413, 400) is allowed
     */
    record FuzzRequest(String kind, Endpoint endpoint, String method, String target, List<String[]> headers,
            byte[] body, boolean chunked, byte[] raw, Auth auth, int expected, List<Event> events,
            List<String> channels, KeyUse claims, KeyUse replays, boolean hugeHeaders) {

        /**
         * Not HTTP/1.1 at all: a control character in a field value, or a target that is not a URI (a broken
         * %-escape, a backslash, a space). The server's HTTP codec refuses these with a bare 400 before any
         * application code runs, on both transports.
         */
        boolean malformedHttp() {
            return MALFORMED_TARGET.matcher(target).find() || headers.stream()
                    .anyMatch(header -> header[1].chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F));
        }

        /** Enough to replay the request by hand: method, target, headers and the start of the body. */
        String describe() {
            StringBuilder text = new StringBuilder(kind).append(" [").append(auth).append("] ");
            if (raw != null) {
                return text.append("raw bytes: ").append(printable(raw, 400)).toString();
            }
            text.append(method).append(' ').append(printable(FuzzWire.encode(target), 400));
            for (String[] header : headers) {
                text.append(" | ")
                        .append(header[0])
                        .append(": ")
                        .append(printable(FuzzWire.encode(header[1]), 80));
            }
            if (chunked) {
                text.append(" | (chunked)");
            }
            if (body != null) {
                text.append(" | body (").append(body.length).append(" bytes): ").append(printable(body, 300));
            }
            return text.toString();
        }
    }

    private final Random random;
    private final String run;
    private final Secrets secrets;
    private final FuzzBodies bodies;
    private final List<String> privateChannels;
    private final List<String> openChannels;
    private final List<String> publicChannels;
    private final List<String> otherChannels;
    private final List<KeyUse> keyUses = new ArrayList<>();
    private final List<Supplier<FuzzRequest>> once;
    private int keyCounter;

    FuzzRequests(Random random, String run, Secrets secrets) {
        this.random = random;
        this.run = run;
        this.secrets = secrets;
        this.bodies = new FuzzBodies(random, Transport.lambda());
        this.privateChannels = List.of("priv." + run + ".a", "priv." + run + ".b", "priv." + run + ".c");
        this.openChannels = List.of("open." + run + ".a", "open." + run + ".b");
        this.publicChannels = List.of("public." + run + ".a", "public." + run + ".b");
        this.otherChannels = List.of("other." + run + ".a");
        this.once = new ArrayList<>(List.of(this::invalidUtf8InPath, this::invalidUtf8InPublishPath,
                this::invalidUtf8InQuery, this::header64k, this::header64kOnPublish, this::twoAuthorizationLines,
                this::http10WithoutHost, this::absoluteFormTarget, this::statsAtTheEndOfTime,
                this::statsAtTheBeginningOfTime));
    }

    /** How many requests {@link #onceCase(int)} has: each is sent once per run, at positions the seed picks. */
    int onceCases() {
        return once.size();
    }

    FuzzRequest onceCase(int index) {
        return once.get(index).get();
    }

    /** The next request: a weighted draw over the categories below. */
    FuzzRequest next() {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return validPublish();
        }
        if (roll < 42) {
            return mutatedPublish();
        }
        if (roll < 46) {
            return contentTypeAbuse();
        }
        if (roll < 54) {
            return idempotency();
        }
        if (roll < 61) {
            return mutatedChannel();
        }
        if (roll < 70) {
            return pollQueryAbuse();
        }
        if (roll < 76) {
            return multiPollAbuse();
        }
        if (roll < 80) {
            return methodAbuse();
        }
        if (roll < 88) {
            return keysAbuse();
        }
        if (roll < 94) {
            return validPoll();
        }
        if (roll < 97) {
            return statsAbuse();
        }
        return unknownPath();
    }

    // --- Publishing -----------------------------------------------------------------------------------------------

    private FuzzRequest validPublish() {
        String channel = channel();
        return publish("publish/valid", channel, publisherFor(channel), bodies.valid(), "application/json",
                random.nextInt(8) == 0).build();
    }

    private FuzzRequest mutatedPublish() {
        String channel = channel();
        Auth auth = random.nextInt(5) == 0 ? anyAuth() : publisherFor(channel);
        Body body = bodies.mutated();
        return publish("publish/mutated: " + body.kind(), channel, auth, body, "application/json", random.nextInt(10) == 0)
                .build();
    }

    /** application/json, with charset=utf-8 at most; anything else is a 415 (the answer after credentials). */
    private FuzzRequest contentTypeAbuse() {
        String type = pick(null, "text/plain", "application/json; charset=latin1", "application/json; charset=ISO-8859-1",
                "application/json; charset=utf-16", "application/json; charset=utf-8", "application/json;charset=UTF-8",
                "APPLICATION/JSON", "application/json; foo=bar", "application/problem+json",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/*",
                "application", "json", "text/json", "application/jsonx", "application/octet-stream", "",
                "application/json, text/plain", "application/json; charset=\"utf-8\"", "application/json; charset",
                "application/json; charset=utf-8; charset=latin1");
        String channel = channel();
        Draft draft = publish("content-type " + type, channel, publisherFor(channel), bodies.valid(), type, false);
        if (type != null && random.nextInt(8) == 0) {
            // Two Content-Type fields: ambiguous, so refused even when both say application/json.
            draft.header("Content-Type", "application/json");
            draft.kind = "content-type twice";
            // Refused (415, or 400 when the framework cannot read the pair while routing, before credentials).
            draft.expected = REFUSED;
        }
        return draft.build();
    }

    private FuzzRequest idempotency() {
        List<KeyUse> stored = keyUses.stream().filter(use -> use.seqs != null).toList();
        int roll = random.nextInt(10);
        if (roll < 3 || stored.isEmpty()) {
            return freshKey();
        }
        KeyUse earlier = stored.get(random.nextInt(stored.size()));
        if (roll < 5) {
            return replay(earlier);
        }
        if (roll < 7) {
            return reuseWithAnotherBody(earlier);
        }
        if (roll < 8) {
            return sameKeyOnAnotherChannel(earlier);
        }
        return malformedKey();
    }

    private FuzzRequest freshKey() {
        String channel = channel();
        String key = newKey();
        Body body = bodies.valid();
        KeyUse use = new KeyUse(channel, key, body);
        keyUses.add(use);
        Draft draft = publish("idempotency/fresh", channel, publisherFor(channel), body, "application/json", false);
        draft.header("Idempotency-Key", key);
        draft.claims = use;
        return draft.build();
    }

    /** The same request again, spelled differently: a 200 with the first request's seqs, nothing new stored. */
    private FuzzRequest replay(KeyUse earlier) {
        Draft draft = publish("idempotency/replay", earlier.channel, publisherFor(earlier.channel),
                bodies.respelled(earlier.body), "application/json", false);
        draft.header("Idempotency-Key", earlier.key);
        if (draft.expected == 201) {
            draft.expected = 200;
        }
        draft.events = null;
        draft.replays = earlier;
        return draft.build();
    }

    private FuzzRequest reuseWithAnotherBody(KeyUse earlier) {
        Draft draft = publish("idempotency/reuse", earlier.channel, publisherFor(earlier.channel),
                bodies.validOtherThan(earlier.body), "application/json", false);
        draft.header("Idempotency-Key", earlier.key);
        if (draft.expected == 201) {
            draft.expected = 422;
        }
        draft.events = null;
        return draft.build();
    }

    /** Keys are scoped to their channel: the same key elsewhere is a new request. */
    private FuzzRequest sameKeyOnAnotherChannel(KeyUse earlier) {
        String channel;
        do {
            channel = channel();
        } while (channel.equals(earlier.channel));
        Body body = random.nextBoolean() ? earlier.body : bodies.valid();
        KeyUse use = new KeyUse(channel, earlier.key, body);
        if (keyUses.stream().noneMatch(other -> other.channel.equals(use.channel) && other.key.equals(use.key))) {
            keyUses.add(use);
            Draft draft = publish("idempotency/other-channel", channel, publisherFor(channel), body, "application/json", false);
            draft.header("Idempotency-Key", earlier.key);
            draft.claims = use;
            return draft.build();
        }
        return freshKey();
    }

    /** 1-255 printable ASCII, given once; anything else is a 400 before the body is looked at. */
    private FuzzRequest malformedKey() {
        String[][] keys = {{"", "400"}, {"a\tb", "400"}, {"x".repeat(256), "400"}, {"x".repeat(300), "400"},
                {"cl\u00e9", "400"}, {"a\u0001b", "400"}, {"a\u007fb", "400"}, {"\ud83d\ude00", "400"},
                {"a\u0000b", "400"}, {longestKey(), "201"}, {" padded" + keyCounter + " ", "0"},
                {"a,b" + keyCounter, "0"}};
        String[] key = keys[random.nextInt(keys.length)];
        String channel = channel();
        Draft draft = publish("idempotency/key " + printable(key[0].getBytes(StandardCharsets.UTF_8), 20), channel,
                publisherFor(channel), bodies.valid(), "application/json", false);
        if (random.nextInt(6) == 0) {
            // The same field twice is refused, even with equal values.
            String twice = newKey();
            draft.header("Idempotency-Key", twice).header("Idempotency-Key", twice);
            draft.kind = "idempotency/key twice";
            draft.expected = expectAfterAccess(draft.expected, 400);
            draft.events = null;
            return draft.build();
        }
        draft.header("Idempotency-Key", key[0]);
        if (key[1].equals("201")) {
            keyCounter++;
        } else {
            draft.expected = key[1].equals("0")
                    ? (draft.expected == 201 ? ANY : draft.expected)
                    : expectAfterAccess(draft.expected, 400);
            draft.events = key[1].equals("0") ? draft.events : null;
        }
        return draft.build();
    }

    /** A fresh key of exactly 255 characters, the longest allowed. */
    private String longestKey() {
        String prefix = "k" + keyCounter + "-";
        return prefix + "y".repeat(255 - prefix.length());
    }

    /** Keeps an earlier refusal (413, 401, 403, 415) and replaces a predicted success by {@code status}. */
    private static int expectAfterAccess(int expected, int status) {
        return expected == 201 ? status : expected;
    }

    private String newKey() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+-./:;<=>?@[\\]^_`{|}~";
        StringBuilder key = new StringBuilder("k").append(keyCounter++).append('-');
        for (int i = random.nextInt(40); i > 0; i--) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        // No trailing space (HTTP strips it) and no comma (the Lambda event server splits on it).
        return key.toString().strip();
    }

    /** A channel name that is invalid, routed elsewhere, or valid in a surprising spelling. */
    private FuzzRequest mutatedChannel() {
        String base = channel();
        String namespace = base.substring(0, base.indexOf('.'));
        String rest = base.substring(namespace.length());
        String padded128 = base + "-" + "p".repeat(127 - base.length());
        String[][] variants = {{base + "..", "pass"}, {base + ".", "pass"}, {namespace.toUpperCase(Locale.ROOT) + rest, "pass"},
                {padded128, "pass"}, {padded128 + "p", "400"},
                {"%" + Integer.toHexString(base.charAt(0)) + base.substring(1), "pass"},
                {"..", "0"}, {".", "0"}, {"%2e%2e", "0"}, {"%2E%2E", "0"}, {"%2F", "0"}, {base + "%2Fx", "0"},
                {base + "/..", "0"}, {"", "0"}, {base + ";x=1", "0"}, {base + "%2e", "0"}, {base + "\\x", "0"},
                {"%00", "400"}, {base + "%00", "400"}, {"." + base, "400"}, {"-" + base, "400"}, {"_" + base, "400"},
                {base + "%20", "400"}, {"caf%C3%A9." + run, "400"}, {base + "%E2%80%AE", "400"}, {base + "%C3%28", "400"},
                {base + "%3Bx%3D1", "400"}, {"%F0%9F%98%80" + run, "400"}, {base + "%0A", "400"},
                {base + "%0D%0ASet-Cookie:%20x=1", "400"}, {base + "%25", "400"}, {base + "%3A", "400"},
                {base + "%2C", "400"}, {"%EF%BC%8E" + run, "400"}};
        String[] variant = variants[random.nextInt(variants.length)];
        String kind = "channel " + variant[0];
        int status = variant[1].equals("pass") ? PASS : Integer.parseInt(variant[1]);
        if (random.nextInt(10) < 6) {
            Body body = bodies.valid();
            Draft draft = new Draft(kind + " (publish)", Endpoint.PUBLISH, "POST", "/v1/channels/" + variant[0] + "/events")
                    .auth(Auth.ADMIN)
                    .header("Content-Type", "application/json")
                    .body(body.bytes());
            draft.expected = status == PASS ? 201 : status;
            draft.events = status == PASS ? body.events() : null;
            return draft.build();
        }
        Draft draft = new Draft(kind + " (poll)", Endpoint.POLL, "GET", "/v1/channels/" + variant[0] + "/events?since=0")
                .auth(Auth.ADMIN);
        draft.expected = status == PASS ? 200 : status;
        return draft.build();
    }

    /**
     * A publish with the documented order of checks: announced length (413), channel name, credentials,
     * Content-Type (415), Idempotency-Key (set by callers), body.
     */
    private Draft publish(String kind, String channel, Auth auth, Body body, String contentType, boolean chunked) {
        Draft draft = new Draft(kind, Endpoint.PUBLISH, "POST", "/v1/channels/" + channel + "/events").auth(auth);
        draft.channels = List.of(channel);
        if (contentType != null) {
            draft.header("Content-Type", contentType);
        }
        draft.body(body.bytes());
        draft.chunked = chunked;
        int contentTypeStatus = contentTypeStatus(contentType);
        // A value the framework cannot read as one media type is refused while routing (400), before credentials.
        draft.expected = contentTypeStatus == REFUSED || contentTypeStatus == ANY
                ? contentTypeStatus
                : expect(!chunked && body.bytes().length > MAX_REQUEST_BYTES ? 413 : PASS, publishAccess(auth, channel),
                        contentTypeStatus, body.status() == 201 ? PASS : body.status(), 201);
        // Whatever was predicted, a 201 must echo these events (unless a caller knows better).
        draft.events = body.events();
        return draft;
    }

    /** PASS, 415, {@link #REFUSED} for what is not one media type, {@link #ANY} for what parsers disagree on. */
    private static int contentTypeStatus(String contentType) {
        if (contentType == null) {
            return 415;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.equals("application/json; charset=utf-8")
                || type.equals("application/json;charset=utf-8") || type.equals("application/json; foo=bar")) {
            return PASS;
        }
        if (!type.contains("/") || type.contains(",")) {
            return REFUSED;
        }
        // Quoted, valueless or repeated parameters: how a media-type parser reads them is its own business.
        return type.contains("\"") || type.endsWith("charset") || type.contains("charset=utf-8;") ? ANY : 415;
    }

    private static int publishAccess(Auth auth, String channel) {
        if (auth == Auth.OVERSIZED_BEARER) {
            return ANY;
        }
        if (auth.mayPublish(channel)) {
            return PASS;
        }
        return auth == Auth.NONE || !auth.valid ? 401 : 403;
    }

    private static int readAccess(Auth auth, List<String> channels) {
        if (auth == Auth.OVERSIZED_BEARER) {
            return ANY;
        }
        if (channels.stream().allMatch(auth::mayRead)) {
            return PASS;
        }
        return auth == Auth.NONE || !auth.valid ? 401 : 403;
    }

    /** The first check that does not pass answers; one the generator cannot predict makes the answer {@link #ANY}. */
    private static int expect(int... checksThenSuccess) {
        for (int i = 0; i < checksThenSuccess.length - 1; i++) {
            int outcome = checksThenSuccess[i];
            if (outcome == ANY) {
                return ANY;
            }
            if (outcome != PASS) {
                return outcome;
            }
        }
        return checksThenSuccess[checksThenSuccess.length - 1];
    }

    // --- Polling --------------------------------------------------------------------------------------------------

    private FuzzRequest validPoll() {
        if (random.nextBoolean()) {
            String channel = channel();
            Auth auth = random.nextBoolean() ? anyAuth() : readerFor(channel);
            String query = pick("since=0", "since=now", "", "since=0&limit=" + (1 + random.nextInt(1000)), "since=1",
                    "since=9223372036854775807");
            Draft draft = new Draft("poll/valid", Endpoint.POLL, "GET",
                    "/v1/channels/" + channel + "/events" + (query.isEmpty() ? "" : "?" + query)).auth(auth);
            draft.channels = List.of(channel);
            draft.expected = expect(readAccess(auth, List.of(channel)), 200);
            if (random.nextInt(5) == 0) {
                draft.method = "HEAD";
            }
            return draft.build();
        }
        List<String> channels = distinctChannels(1 + random.nextInt(4));
        Auth auth = random.nextBoolean() ? anyAuth() : readerFor(channels.get(0));
        List<String> entries = channels.stream().map(name -> name + ":" + pick("0", "now", "3", "100")).toList();
        Draft draft = new Draft("multi-poll/valid", Endpoint.MULTI_POLL, "GET",
                "/v1/events?channels=" + String.join(",", entries)).auth(auth);
        draft.channels = channels;
        draft.expected = expect(readAccess(auth, channels), 200);
        return draft.build();
    }

    /** since and limit are checked before credentials: a bad one is a 400 whoever asks. */
    private FuzzRequest pollQueryAbuse() {
        String[][] queries = {{"since=0", "ok"}, {"since=now", "ok"}, {"", "ok"}, {"since=9223372036854775807", "ok"},
                {"since=0009", "ok"}, {"limit=1", "ok"}, {"limit=1000", "ok"}, {"since=1&limit=5", "ok"},
                {"foo=bar", "ok"}, {"since=0&foo=%00", "ok"}, {"SINCE=5", "ok"}, {"limit=0100", "ok"},
                {"since=-1", "400"}, {"since=abc", "400"}, {"since=99999999999999999999", "400"},
                {"since=9223372036854775808", "400"}, {"since=", "400"}, {"since=NOW", "400"}, {"since=1.0", "400"},
                {"since=1e3", "400"}, {"since=%2B1", "400"}, {"since=%201", "400"}, {"since=+1", "400"},
                {"limit=1%26since=-1", "400"}, {"since=1&since=2", "400"},
                {"since=1&since=1", "400"}, {"since=0x10", "400"}, {"since=%00", "400"}, {"since=1%00", "400"},
                {"since=%EF%BC%91", "400"}, {"since=%D9%A1", "400"}, {"limit=0", "400"}, {"limit=1001", "400"},
                {"limit=abc", "400"}, {"limit=-5", "400"}, {"limit=99999", "400"}, {"limit=", "400"},
                {"limit=1&limit=2", "400"}, {"limit=01000", "400"}, {"since", "0"}, {"since=0&since", "0"},
                {"since=%", "0"}, {"since=%zz", "0"}, {"since=%E0%A4", "0"}};
        String[] query = queries[random.nextInt(queries.length)];
        String channel = channel();
        Auth auth = random.nextInt(3) == 0 ? anyAuth() : readerFor(channel);
        Draft draft = new Draft("poll/query " + query[0], Endpoint.POLL, "GET",
                "/v1/channels/" + channel + "/events" + (query[0].isEmpty() ? "" : "?" + query[0])).auth(auth);
        draft.channels = List.of(channel);
        draft.expected = switch (query[1]) {
            case "ok" -> expect(readAccess(auth, List.of(channel)), 200);
            case "400" -> auth == Auth.OVERSIZED_BEARER ? ANY : 400;
            default -> ANY;
        };
        return draft.build();
    }

    /** channels=name:since,... (1 to 50 distinct entries); limit and every entry are checked before credentials. */
    private FuzzRequest multiPollAbuse() {
        List<String> channels = distinctChannels(1 + random.nextInt(3));
        String a = channels.get(0);
        String[][] lists = {{"channels=" + entries(50), "ok50"}, {"channels=" + entries(51), "400"},
                {"channels=" + a + ":0," + a + ":0", "400"}, {"channels=" + a + ":0," + a + ":now", "400"},
                {"channels=" + a, "400"}, {"channels=", "400"}, {"", "400"}, {"channels=" + a + ":0,", "400"},
                {"channels=," + a + ":0", "400"}, {"channels=" + a + ":", "400"}, {"channels=:0", "400"},
                {"channels=" + a + ":0:0", "400"}, {"channels=" + a + ":-1", "400"},
                {"channels=" + a + ":0&channels=" + a + ":0", "400"}, {"channels=..:0", "400"},
                {"channels=%C3%A9:0", "400"}, {"channels=" + a + ":0&limit=0", "400"},
                {"channels=" + a + ":0&limit=1001", "400"}, {"channels=" + a + ":now", "ok"},
                {"channels=" + a + "%3A0", "0"}, {"channels=" + a + ":0%2C" + channels.get(channels.size() - 1) + ":0", "0"},
                {"channels=" + a + ":0&limit=7", "ok"}, {"channels=" + a + ":99999999999999999999", "400"},
                {"channels=" + a + "%00:0", "400"}};
        String[] list = lists[random.nextInt(lists.length)];
        Auth auth = random.nextInt(3) == 0 ? anyAuth() : readerFor(a);
        Draft draft = new Draft("multi-poll/query " + abbreviate(list[0]), Endpoint.MULTI_POLL, "GET",
                "/v1/events" + (list[0].isEmpty() ? "" : "?" + list[0])).auth(auth);
        List<String> named = list[1].equals("ok50") ? fiftyChannels() : List.of(a);
        draft.channels = named;
        draft.expected = switch (list[1]) {
            case "ok", "ok50" -> expect(readAccess(auth, named), 200);
            case "400" -> auth == Auth.OVERSIZED_BEARER ? ANY : 400;
            default -> ANY;
        };
        return draft.build();
    }

    /** Up to 51 entries over channels of this run's public namespace, most never written. */
    private String entries(int count) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add("public." + run + ".m" + i + ":0");
        }
        return String.join(",", entries);
    }

    private List<String> fiftyChannels() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            names.add("public." + run + ".m" + i);
        }
        return names;
    }

    // --- Other methods, key management, stats, unknown paths -------------------------------------------------------

    private FuzzRequest methodAbuse() {
        String method = pick("PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO");
        String channel = channel();
        String[] targets = {"/v1/channels/" + channel + "/events", "/v1/events?channels=" + channel + ":0", "/v1/keys",
                "/v1/keys/abcdefghijkl", "/v1/channels/" + channel + "/stats"};
        int target = random.nextInt(targets.length);
        Auth auth = anyAuth();
        Draft draft = new Draft("method " + method, target == 0 ? Endpoint.PUBLISH : Endpoint.OTHER, method,
                targets[target]).auth(auth);
        draft.channels = List.of(channel);
        if (random.nextBoolean() && !method.equals("HEAD")) {
            draft.header("Content-Type", "application/json").body(bodies.valid().bytes());
        }
        if (random.nextInt(4) == 0) {
            // CORS: a preflight when the method is OPTIONS, a cross-origin request otherwise; allowed origin or not.
            draft.header("Origin", pick("https://app.example.com", "https://evil.example.net", "null"));
            draft.header("Access-Control-Request-Method", pick("POST", "GET", "PUT", "DELETE"));
        }
        // No resource here has PUT or PATCH, and DELETE exists only on /v1/keys/{id}: routing answers 405 first.
        boolean plainMethod = method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
        boolean preflight = draft.headers.stream().anyMatch(header -> header[0].equals("Origin"));
        boolean revoke = target == 3 && method.equals("DELETE");
        draft.expected = plainMethod && !preflight && !revoke ? 405 : ANY;
        return draft.build();
    }

    private FuzzRequest keysAbuse() {
        int roll = random.nextInt(10);
        Auth auth = random.nextInt(10) < 7 ? pick(Auth.ADMIN, Auth.ADMIN, Auth.ADMIN_ODD_SCHEME) : anyAuth();
        if (roll < 7) {
            String[] body = keyBody();
            Draft draft = new Draft("keys/create " + abbreviate(body[0]), Endpoint.KEYS, "POST", "/v1/keys").auth(auth)
                    .header("Content-Type", pick("application/json", "application/json", "text/plain"))
                    .body(body[0].getBytes(StandardCharsets.UTF_8));
            int status = body[1].equals("0") ? ANY : Integer.parseInt(body[1]);
            draft.expected = expect(adminAccess(auth), status == 201 ? PASS : status, 201);
            return draft.build();
        }
        if (roll < 8) {
            Draft draft = new Draft("keys/list", Endpoint.KEYS, "GET", "/v1/keys").auth(auth);
            draft.expected = expect(adminAccess(auth), 200);
            return draft.build();
        }
        String[][] ids = {{randomKeyId(), "404"}, {"ABCDEFGHIJKL", "404"}, {"abc", "404"}, {"a".repeat(13), "404"},
                {"%2e%2e", "0"}, {"..", "0"}, {"", "0"}, {"abcdefghijk%00", "404"}, {"abcdefghijkl%2F", "0"}};
        String[] id = ids[random.nextInt(ids.length)];
        Draft draft = new Draft("keys/revoke " + id[0], Endpoint.KEYS, "DELETE", "/v1/keys/" + id[0]).auth(auth);
        draft.expected = id[1].equals("0") ? ANY : expect(adminAccess(auth), 404);
        return draft.build();
    }

    private String randomKeyId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static int adminAccess(Auth auth) {
        if (auth == Auth.OVERSIZED_BEARER) {
            return ANY;
        }
        if (auth.valid && auth.admin) {
            return PASS;
        }
        return auth == Auth.NONE || !auth.valid ? 401 : 403;
    }

    /** {"name", "scopes", "ratePerSecond"} and nothing else; a scope is publish:/read:<pattern> or admin. */
    private String[] keyBody() {
        String name = "\"fuzz-" + run + "\"";
        String[][] bodies = {{"{\"name\":" + name + ",\"scopes\":[\"read:priv." + run + ".*\"]}", "201"},
                {"{\"name\":" + name + ",\"scopes\":[\"publish:priv.*\",\"read:*\",\"admin\"],\"ratePerSecond\":50}", "201"},
                {scopes("\"read:pr*iv\""), "400"}, {scopes("\"publish:*.x\""), "400"}, {scopes("\"read:**\""), "400"},
                {scopes("\"read:*a\""), "400"}, {scopes("\"read:a**\""), "400"}, {scopes("\"publish:%2F\""), "400"},
                {scopes("\"publish:\""), "400"}, {scopes("\"read:\""), "400"}, {scopes("\"admin \""), "400"},
                {scopes("\"ADMIN\""), "400"}, {scopes("\"read:.x\""), "400"}, {scopes("\"read:\u00e9\""), "400"},
                {scopes("\"read:a b\""), "400"}, {scopes("\"read:" + "a".repeat(129) + "\""), "400"},
                {scopes("\"read:" + "a".repeat(128) + "*\""), "201"}, {scopes("\"read:a\\u0000\""), "400"},
                {scopes("1"), "400"}, {scopes("null"), "400"}, {scopes("[\"x\"]"), "400"}, {scopes("{}"), "400"},
                {scopes(""), "400"}, {"{\"name\":" + name + ",\"scopes\":\"read:*\"}", "400"},
                {"{\"name\":" + name + ",\"scopes\":{}}", "400"}, {"{\"name\":" + name + ",\"scopes\":null}", "400"},
                {scopes(manyScopes(100)), "201"}, {scopes(manyScopes(101)), "400"},
                {"{\"name\":" + name + ",\"scopes\":[\"admin\"],\"extra\":1}", "400"},
                {"{\"name\":\"a\",\"name\":\"b\",\"scopes\":[\"admin\"]}", "400"},
                {"{\"name\":" + name + ",\"scopes\":[\"admin\"],\"scopes\":[\"read:*\"]}", "400"},
                {"{\"scopes\":[\"admin\"]}", "400"}, {named("\"\""), "400"}, {named("\"" + "n".repeat(101) + "\""), "400"},
                {named("\"" + "n".repeat(100) + "\""), "201"}, {named("\"a\\u0001\""), "400"}, {named("\"a\\u0000\""), "400"},
                {named("\"\u043a\u043b\u044e\u0447\""), "201"}, {named("\"\ud83d\ude00\""), "201"}, {named("\"a\\tb\""), "400"},
                {named("1"), "400"}, {named("null"), "400"}, {named("\"\\ud800\""), "400"}, {rate("0"), "400"},
                {rate("-1"), "400"}, {rate("1.5"), "400"}, {rate("\"10\""), "400"}, {rate("1000001"), "400"},
                {rate("1e3"), "400"}, {rate("2147483648"), "400"}, {rate("null"), "201"}, {rate("1000000"), "201"},
                {rate("1"), "201"}, {rate("99999999999999999999999"), "400"},
                {"{\"name\":" + name + ",\"scopes\":[\"admin\"]} x", "400"}, {"[]", "400"}, {"", "400"}, {"null", "400"},
                {"{\"name\":" + name + ",\"scopes\":[\"admin\"]", "400"}, {named("\"" + "x".repeat(20_000) + "\""), "413"},
                {"\uFEFF{\"name\":" + name + ",\"scopes\":[\"admin\"]}", "0"}};
        return bodies[random.nextInt(bodies.length)];
    }

    private String scopes(String scopes) {
        return "{\"name\":\"fuzz-" + run + "\",\"scopes\":[" + scopes + "]}";
    }

    private String named(String name) {
        return "{\"name\":" + name + ",\"scopes\":[\"read:priv." + run + ".*\"]}";
    }

    private String rate(String rate) {
        return "{\"name\":\"fuzz-" + run + "\",\"scopes\":[\"read:x\"],\"ratePerSecond\":" + rate + "}";
    }

    private String manyScopes(int count) {
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            scopes.add("\"read:c" + i + "\"");
        }
        return String.join(",", scopes);
    }

    /** Stats follow the read rules of their channel; a series window that PostgreSQL cannot hold is a 400. */
    private FuzzRequest statsAbuse() {
        String channel = channel();
        Auth auth = random.nextBoolean() ? anyAuth() : readerFor(channel);
        String[][] targets = {{"/v1/channels/" + channel + "/stats", "read"},
                {"/v1/channels/" + channel + "/stats/series", "read"},
                {"/v1/channels/" + channel + "/stats/series?bucket=5m", "read"},
                {"/v1/channels/" + channel + "/stats/series?bucket=2m", "400"},
                {"/v1/channels/" + channel + "/stats/series?bucket=", "400"},
                {"/v1/channels/" + channel + "/stats/series?bucket=1m&bucket=1h", "400"},
                {"/v1/channels/" + channel + "/stats/series?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "400"},
                {"/v1/channels/" + channel + "/stats/series?from=yesterday", "400"},
                {"/v1/channels/" + channel + "/stats/series?bucket=1h&from=1970-01-01T00:00:00Z", "400"},
                {"/v1/channels/" + channel + "/stats/series?from=%2B294277-01-01T00:00:00Z&to=%2B294277-01-01T01:00:00Z", "0"},
                {"/v1/channels/" + channel + "/stats/series?from=-4714-11-24T00:00:00Z&to=-4714-11-24T01:00:00Z", "0"},
                {"/v1/stats", "everything"}};
        String[] target = targets[random.nextInt(targets.length)];
        Draft draft = new Draft("stats " + abbreviate(target[0].replace(channel, "{c}")), Endpoint.STATS, "GET", target[0])
                .auth(auth);
        draft.channels = List.of(channel);
        draft.expected = switch (target[1]) {
            case "read" -> expect(readAccess(auth, List.of(channel)), 200);
            // Deployment-wide stats need read on '*', which only the admin credentials have here.
            case "everything" -> expect(adminAccess(auth), 200);
            case "400" -> auth == Auth.OVERSIZED_BEARER ? ANY : 400;
            default -> ANY;
        };
        return draft.build();
    }

    private FuzzRequest unknownPath() {
        String channel = channel();
        String[][] paths = {{"/v1/nothing-here", "404"}, {"/v1/channels", "0"}, {"/v1/channels/", "0"},
                {"/v1/channels/" + channel, "0"}, {"/v1/channels/" + channel + "/events/extra", "0"},
                {"/v2/events", "0"}, {"/v1//events", "0"}, {"/%2e%2e/v1/events", "0"},
                {"/v1/channels/" + channel + "/events/..%2F..%2Fkeys", "0"}, {"/v1/events/../keys", "0"},
                {"/V1/events?channels=" + channel + ":0", "0"}, {"/v1/events/", "0"}, {"/v1/keys/", "0"},
                {"/q/nothing", "0"}, {"/nothing.html", "0"}};
        String[] path = paths[random.nextInt(paths.length)];
        boolean post = random.nextInt(3) == 0;
        Draft draft = new Draft("path " + path[0].replace(channel, "{c}"), Endpoint.OTHER, post ? "POST" : "GET", path[0])
                .auth(anyAuth());
        if (post) {
            draft.header("Content-Type", "application/json").body(bodies.valid().bytes());
        }
        draft.expected = path[1].equals("0") || draft.auth == Auth.OVERSIZED_BEARER ? ANY : Integer.parseInt(path[1]);
        if (random.nextInt(6) == 0) {
            draft = new Draft("path /internal/retention/run", Endpoint.OTHER, "POST", "/internal/retention/run")
                    .auth(anyAuth());
            draft.expected = draft.auth == Auth.OVERSIZED_BEARER ? ANY : 404;
        }
        return draft.build();
    }

    // --- Sent once per run: bytes in odd places, oversized headers, other request forms ----------------------------

    /** Bytes that are not UTF-8 in the path (sent as they are: characters up to U+00FF go out as single bytes). */
    private FuzzRequest invalidUtf8InPath() {
        return once("once/invalid UTF-8 in path", Endpoint.POLL, "GET",
                "/v1/channels/" + privateChannels.get(0) + "\u00c3(/events?since=0", null).build();
    }

    private FuzzRequest invalidUtf8InPublishPath() {
        return once("once/invalid UTF-8 in publish path", Endpoint.PUBLISH, "POST",
                "/v1/channels/" + privateChannels.get(1) + "\u00ff/events", bodies.valid()).build();
    }

    private FuzzRequest invalidUtf8InQuery() {
        return once("once/invalid UTF-8 in query", Endpoint.POLL, "GET",
                "/v1/channels/" + privateChannels.get(0) + "/events?since=\u00ff\u00fe", null).build();
    }

    /** A 64 KB header: past every header limit, so the transport may refuse it without a problem document. */
    private FuzzRequest header64k() {
        return once("once/64 KB header", Endpoint.POLL, "GET", "/v1/channels/" + publicChannels.get(0) + "/events?since=0",
                null).header("X-Padding", "p".repeat(65_536)).build();
    }

    private FuzzRequest header64kOnPublish() {
        return once("once/64 KB header on a publish", Endpoint.PUBLISH, "POST",
                "/v1/channels/" + privateChannels.get(2) + "/events", bodies.valid())
                .header("X-Padding", "p".repeat(65_536))
                .build();
    }

    /** The admin key, then a second Authorization line: ambiguous credentials are refused, never merged or picked. */
    private FuzzRequest twoAuthorizationLines() {
        Draft draft = once("once/admin key and a second Authorization line", Endpoint.PUBLISH, "POST",
                "/v1/channels/" + privateChannels.get(0) + "/events", bodies.valid())
                .header("Authorization", "Bearer garbage");
        draft.expected = 401;
        draft.events = null;
        return draft.build();
    }

    private FuzzRequest http10WithoutHost() {
        String request = "GET /v1/channels/" + publicChannels.get(0) + "/events?since=0 HTTP/1.0\r\n\r\n";
        return raw("once/HTTP/1.0 without Host", request, publicChannels.get(0));
    }

    private FuzzRequest absoluteFormTarget() {
        String request = "GET http://localhost/v1/channels/" + publicChannels.get(1)
                + "/events?since=0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        return raw("once/absolute-form target", request, publicChannels.get(1));
    }

    /**
     * A one-hour stats window in the last year java.time can write: valid to the parser, beyond what PostgreSQL can
     * hold (anonymous, on a public channel).
     */
    private FuzzRequest statsAtTheEndOfTime() {
        Draft draft = new Draft("once/stats series in year +999999999", Endpoint.STATS, "GET", "/v1/channels/"
                + publicChannels.get(0) + "/stats/series?from=%2B999999999-12-31T00:00:00Z&to=%2B999999999-12-31T01:00:00Z");
        draft.channels = List.of(publicChannels.get(0));
        return draft.build();
    }

    /** The same in the first year java.time can write, with the largest offset. */
    private FuzzRequest statsAtTheBeginningOfTime() {
        Draft draft = new Draft("once/stats series in year -999999999", Endpoint.STATS, "GET", "/v1/channels/"
                + publicChannels.get(0)
                + "/stats/series?from=-999999999-01-01T00:00:00%2B18:00&to=-999999999-01-01T01:00:00%2B18:00");
        draft.channels = List.of(publicChannels.get(0));
        return draft.build();
    }

    /** With the admin key and, for a body, application/json; the answer is not predicted. */
    private Draft once(String kind, Endpoint endpoint, String method, String target, Body body) {
        Draft draft = new Draft(kind, endpoint, method, target).auth(Auth.ADMIN);
        if (body != null) {
            draft.header("Content-Type", "application/json").body(body.bytes());
            draft.events = body.events();
        }
        return draft;
    }

    /** An anonymous poll written out by hand, for request forms the usual request line cannot express. */
    private static FuzzRequest raw(String kind, String request, String channel) {
        return new FuzzRequest(kind, Endpoint.POLL, "GET", "", List.of(), null, false,
                request.getBytes(StandardCharsets.ISO_8859_1), Auth.NONE, ANY, null, List.of(channel), null, null, false);
    }

    private static FuzzRequest withExpected(FuzzRequest request, int expected) {
        return new FuzzRequest(request.kind(), request.endpoint(), request.method(), request.target(), request.headers(),
                request.body(), request.chunked(), request.raw(), request.auth(), expected, request.events(),
                request.channels(), request.claims(), request.replays(), request.hugeHeaders());
    }

    // --- Channels and credentials ---------------------------------------------------------------------------------

    /** A channel of this run: private, public-publish, public-read, or private outside every token's scope. */
    private String channel() {
        int roll = random.nextInt(100);
        List<String> namespace = roll < 45
                ? privateChannels
                : roll < 65
                        ? openChannels
                        : roll < 85
                                ? publicChannels
                                : otherChannels;
        return namespace.get(random.nextInt(namespace.size()));
    }

    private List<String> distinctChannels(int count) {
        List<String> channels = new ArrayList<>();
        while (channels.size() < count) {
            String channel = channel();
            if (!channels.contains(channel)) {
                channels.add(channel);
            }
        }
        return channels;
    }

    /** Mostly credentials that may publish here, so that enough is stored for the ledger to mean something. */
    private Auth publisherFor(String channel) {
        if (random.nextInt(4) == 0) {
            return anyAuth();
        }
        if (channel.startsWith("priv.")) {
            return pick(Auth.ADMIN, Auth.PUBLISHER_KEY, Auth.PUBLISHER_TOKEN, Auth.ADMIN_ODD_SCHEME);
        }
        if (channel.startsWith("open.")) {
            return pick(Auth.NONE, Auth.PUBLISHER_KEY, Auth.ADMIN, Auth.READER_KEY);
        }
        if (channel.startsWith("other.")) {
            return pick(Auth.ADMIN, Auth.OTHER_SCOPE_TOKEN);
        }
        return Auth.ADMIN;
    }

    private Auth readerFor(String channel) {
        if (random.nextInt(4) == 0) {
            return anyAuth();
        }
        if (channel.startsWith("priv.")) {
            return pick(Auth.READER_KEY, Auth.RS256_READER_TOKEN, Auth.ES256_READER_TOKEN, Auth.PUBLISHER_KEY, Auth.ADMIN);
        }
        if (channel.startsWith("public.")) {
            return pick(Auth.NONE, Auth.READER_KEY, Auth.OTHER_SCOPE_TOKEN);
        }
        if (channel.startsWith("other.")) {
            return pick(Auth.ADMIN, Auth.OTHER_SCOPE_TOKEN);
        }
        return Auth.ADMIN;
    }

    /** Every authentication state, the valid ones more often. */
    private Auth anyAuth() {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return pick(Auth.ADMIN, Auth.ADMIN_ODD_SCHEME, Auth.PUBLISHER_KEY, Auth.PUBLISHER_TOKEN, Auth.READER_KEY,
                    Auth.RS256_READER_TOKEN, Auth.ES256_READER_TOKEN, Auth.OTHER_SCOPE_TOKEN);
        }
        if (roll < 60) {
            return Auth.NONE;
        }
        if (roll < 99) {
            return pick(Auth.GARBAGE_BEARER, Auth.BASIC, Auth.EMPTY_BEARER, Auth.TWO_HEADERS, Auth.REVOKED_KEY,
                    Auth.EXPIRED_TOKEN, Auth.ALG_NONE_TOKEN, Auth.FORGED_TOKEN);
        }
        return Auth.OVERSIZED_BEARER;
    }

    /** The Authorization field values for a state: none, one, or two. */
    private List<String> authorization(Auth auth) {
        return switch (auth) {
            case NONE -> List.of();
            case ADMIN -> List.of("Bearer " + Api.ADMIN_KEY);
            case ADMIN_ODD_SCHEME -> List.of("bEaReR   " + Api.ADMIN_KEY);
            case PUBLISHER_KEY -> List.of("Bearer " + secrets.publisherKey());
            case PUBLISHER_TOKEN -> List.of("Bearer " + secrets.publisherToken());
            case READER_KEY -> List.of("Bearer " + secrets.readerKey());
            case RS256_READER_TOKEN -> List.of("Bearer " + secrets.rs256ReaderToken());
            case ES256_READER_TOKEN -> List.of("Bearer " + secrets.es256ReaderToken());
            case OTHER_SCOPE_TOKEN -> List.of("Bearer " + secrets.otherScopeToken());
            case GARBAGE_BEARER -> List.of("Bearer " + pick("pfk_aaaaaaaaaaaa_" + "A".repeat(43), "pfk_short", "a.b.c",
                    "eyJhbGciOiJIUzI1NiJ9.e30.", "x".repeat(100), "caf\u00e9", "%00", "Bearer x", "null", "undefined",
                    Api.ADMIN_KEY + "x", Api.ADMIN_KEY.substring(1), secrets.publisherKey() + "A", "....", "a.b.c.d"));
            case BASIC -> List.of(pick("Basic xyz",
                    "Basic " + Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_KEY).getBytes(StandardCharsets.UTF_8)),
                    "Digest username=\"admin\"", Api.ADMIN_KEY, "Token " + Api.ADMIN_KEY));
            case EMPTY_BEARER -> List.of(pick("Bearer", "Bearer ", "Bearer\t"));
            case TWO_HEADERS -> List.of("Bearer " + Api.ADMIN_KEY, "Bearer " + Api.ADMIN_KEY);
            case REVOKED_KEY -> List.of("Bearer " + secrets.revokedKey());
            case EXPIRED_TOKEN -> List.of("Bearer " + secrets.expiredToken());
            case ALG_NONE_TOKEN -> List.of("Bearer " + secrets.algNoneToken());
            case FORGED_TOKEN -> List.of("Bearer " + secrets.forgedToken());
            case OVERSIZED_BEARER -> List.of("Bearer " + "A".repeat(9_000));
        };
    }

    // --- Helpers --------------------------------------------------------------------------------------------------

    /** A request under construction. */
    private final class Draft {

        String kind;
        final Endpoint endpoint;
        String method;
        final String target;
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        boolean chunked;
        Auth auth = Auth.NONE;
        int expected = ANY;
        List<Event> events;
        List<String> channels;
        KeyUse claims;
        KeyUse replays;

        Draft(String kind, Endpoint endpoint, String method, String target) {
            this.kind = kind;
            this.endpoint = endpoint;
            this.method = method;
            this.target = target;
        }

        Draft auth(Auth auth) {
            this.auth = auth;
            for (String value : authorization(auth)) {
                header("Authorization", value);
            }
            return this;
        }

        Draft header(String name, String value) {
            headers.add(new String[]{name, value});
            return this;
        }

        Draft body(byte[] body) {
            this.body = body;
            return this;
        }

        FuzzRequest build() {
            if (random.nextInt(12) == 0) {
                // Harmless negotiation headers: they must not change the answer.
                header("Accept", pick("application/json", "*/*", "application/json, text/plain;q=0.5"));
            }
            if (random.nextInt(40) == 0 && headers.stream().noneMatch(header -> header[0].equals("Origin"))) {
                // A browser on another site: CORS may refuse it, but any refusal is still a problem document.
                String origin = pick("https://evil.example.net", "null", "https://app.example.com");
                header("Origin", origin);
                // Whatever CORS decides (even for the allowed origin: HEAD is not among its methods) comes first.
                expected = ANY;
            }
            // Over 8 KB of header fields: past the Lambda event server's limit (8 KB) and near the HTTP server's (20 KB).
            int headerBytes = headers.stream().mapToInt(header -> header[0].length() + header[1].length() + 4).sum();
            FuzzRequest request = new FuzzRequest(kind, endpoint, method, target, List.copyOf(headers), body, chunked,
                    null, auth, expected, events, channels, claims, replays, headerBytes > 8 * 1024);
            // The transport answers oversized and malformed requests before the application sees them.
            if (request.malformedHttp()) {
                return withExpected(request, REFUSED);
            }
            return request.hugeHeaders() ? withExpected(request, ANY) : request;
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Bytes as text with everything outside printable ASCII escaped, shortened to {@code max} characters. */
    static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes.length && text.length() < max; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        if (text.length() >= max) {
            text.append("... (").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
