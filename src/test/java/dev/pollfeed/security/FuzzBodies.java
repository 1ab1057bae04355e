package dev.pollfeed.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Publish bodies for {@link FuzzTest}: valid ones with the events a 201 must echo, and mutations aimed at the places
 * where Jackson, the body parser and PostgreSQL's jsonb disagree about what JSON is (numbers, NUL, surrogates, UTF-8,
 * nesting, encodings). Each body says what it alone earns: a status, {@link FuzzRequests#REFUSED} (some 4xx), or 0 where
 * the answer legitimately depends on the transport or on PostgreSQL's limits; and the events a 201 must hold, or null
 * where jsonb re-spells them.
 */
final class FuzzBodies {

    static final int MAX_REQUEST_BYTES = 1_048_576;
    static final int MAX_DATA_BYTES = 65_536;
    static final int MAX_BATCH = 100;
    static final int MAX_DEPTH = 100;
    static final String DEFAULT_TYPE = "message";

    /** One event as stored: its type after defaults, and its data as JSON text. */
    record Event(String type, String data) {
    }

    /**
     * @param status what the body alone earns: 201, a status, {@link FuzzRequests#REFUSED} or 0 (not predicted)
     * @param events what a 201 must echo (null: unknown)
     */
    record Body(String kind, byte[] bytes, List<Event> events, int status) {

        static Body of(String kind, String text, List<Event> events, int status) {
            return new Body(kind, utf8(text), events, status);
        }
    }

    private static final String TYPE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/-";
    /** String fragments as JSON source: escapes, non-ASCII, and text that means something to SQL or a shell. */
    private static final String[] STRING_PARTS = {"a", "hello", "Z9", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r",
            "\\b", "\\f", "\\u00e9", "é", "😀", "\\ud83d\\ude00", "中文", "\\u2028", "'; DROP TABLE events; --", "$1",
            "::jsonb", "%00", "\\\\u0000", "<script>", "null", "{\\\"a\\\":1}", "\\u001f", "\\u007f", "\u00a0"};
    private static final String[] NUMBERS = {"0", "-1", "42", "2147483648", "9007199254740993", "-9223372036854775808",
            "9223372036854775808", "123456789012345678901234567890", "3.14", "-0.000001", "12.3400", "0.1", "-7.5"};
    private static final String[] KEYS = {"id", "a", "user", "é", "😀", "", "data", "type", "seq", "__proto__",
            "constructor", "$where", "a.b", "a b", "\\u00e9t\\u00e9", "\\\"q\\\""};

    private final Random random;
    /** The Lambda event server hands bodies to the function as UTF-8 text, so bytes that are not UTF-8 never arrive. */
    private final boolean transportDecodesUtf8;
    private final List<Supplier<Body>> mutations = List.of(this::truncated, this::trailingGarbage,
            this::duplicateMembers, this::deepNesting, this::hugeNumber, this::longNumber, this::nonNumericLiteral,
            this::nulCharacter, this::loneSurrogate, this::invalidUtf8, this::bomPrefix, this::otherEncoding,
            this::nonObjectEvent, this::wrongMemberType, this::unknownMembers, this::emptyShape, this::batchSizes,
            this::oversizedBody, this::dataSizeLimit, this::jsonExtensions);

    FuzzBodies(Random random, boolean transportDecodesUtf8) {
        this.random = random;
        this.transportDecodesUtf8 = transportDecodesUtf8;
    }

    // --- Valid bodies ---------------------------------------------------------------------------------------------

    /** One event object, or a batch of 1 to 100, with data of every JSON kind. */
    Body valid() {
        int count = random.nextInt(10) < 6 ? 1 : batchSize();
        List<Event> events = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String data = value(0);
            String type = random.nextInt(4) == 0 ? null : type();
            events.add(new Event(type == null ? DEFAULT_TYPE : type, data));
            texts.add(event(type, data));
        }
        boolean bare = count == 1 && random.nextBoolean();
        return Body.of("valid", bare ? texts.get(0) : "[" + String.join(",", texts) + "]", events, 201);
    }

    /**
     * A request that differs from {@code other} for certain (for reusing an Idempotency-Key): its first event's data
     * wrapped in an array, which no spelling can make equal.
     */
    Body validOtherThan(Body other) {
        List<Event> events = new ArrayList<>(other.events());
        events.set(0, new Event(events.get(0).type(), "[" + events.get(0).data() + "]"));
        List<String> texts = events.stream().map(event -> event(event.type(), event.data())).toList();
        return Body.of("changed", "[" + String.join(",", texts) + "]", events, 201);
    }

    /** The same events as {@code body}, spelled differently: an idempotent retry must still be recognised. */
    Body respelled(Body body) {
        List<String> texts = new ArrayList<>();
        for (Event event : body.events()) {
            String type = event.type().equals(DEFAULT_TYPE) && random.nextBoolean() ? null : event.type();
            texts.add(random.nextBoolean()
                    ? " { \"data\" : " + event.data() + " ,\n\t\"type\": " + quote(type) + " } "
                    : "{\"type\":" + quote(type) + ",\"data\":" + event.data() + ",\"retry\":true}");
        }
        String text = texts.size() == 1 && random.nextBoolean() ? texts.get(0) : "[ " + String.join(" , ", texts) + " ]";
        return Body.of("respelled", text, body.events(), 201);
    }

    private int batchSize() {
        return random.nextInt(8) == 0 ? MAX_BATCH - random.nextInt(3) : 2 + random.nextInt(12);
    }

    /** An event object with its members in random order, sometimes with a member the server must ignore. */
    private String event(String type, String data) {
        List<String> members = new ArrayList<>();
        members.add("\"data\":" + data);
        if (type != null) {
            members.add("\"type\":\"" + type + "\"");
        } else if (random.nextBoolean()) {
            members.add("\"type\":null");
        }
        if (random.nextInt(5) == 0) {
            members.add("\"" + pick("meta", "seq", "time", "id", "channel") + "\":" + value(2));
        }
        Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    String type() {
        int length = random.nextInt(20) == 0 ? 128 : 1 + random.nextInt(24);
        StringBuilder type = new StringBuilder();
        for (int i = 0; i < length; i++) {
            type.append(TYPE_CHARACTERS.charAt(random.nextInt(TYPE_CHARACTERS.length())));
        }
        return type.toString();
    }

    /** A JSON value that jsonb returns as the same value (no exponents: jsonb writes those out). */
    String value(int depth) {
        int kind = random.nextInt(depth >= 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> string();
            case 1 -> pick(NUMBERS);
            case 2 -> pick("true", "false", "null");
            case 3 -> pick(NUMBERS);
            case 4 -> string();
            case 5 -> object(depth + 1);
            default -> array(depth + 1);
        };
    }

    private String string() {
        StringBuilder text = new StringBuilder("\"");
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(pick(STRING_PARTS));
        }
        return text.append('"').toString();
    }

    private String object(int depth) {
        List<String> members = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            String key = pick(KEYS);
            if (!used.contains(key)) {
                used.add(key);
                members.add("\"" + key + "\":" + value(depth));
            }
        }
        return "{" + String.join(",", members) + "}";
    }

    private String array(int depth) {
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            items.add(value(depth));
        }
        return "[" + String.join(",", items) + "]";
    }

    // --- Mutations ------------------------------------------------------------------------------------------------

    Body mutated() {
        return mutations.get(random.nextInt(mutations.size())).get();
    }

    /** Cut anywhere: no proper prefix of these bodies is a JSON value (they end with their closing bracket). */
    private Body truncated() {
        byte[] whole = valid().bytes();
        byte[] cut = new byte[random.nextInt(whole.length)];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        return new Body("truncated", cut, null, 400);
    }

    private Body trailingGarbage() {
        String garbage = pick("x", "}", "]", ",", ",{}", "{\"data\":1}", "[]", "null", "\u0000", "//", "/*", "\"", "1",
                "\uFEFF", "\u001a");
        return Body.of("trailing-garbage", new String(valid().bytes(), StandardCharsets.UTF_8) + garbage, null, 400);
    }

    private Body duplicateMembers() {
        return switch (random.nextInt(6)) {
            case 0 -> Body.of("duplicate-data", "{\"data\":1,\"data\":2}", null, 400);
            case 1 -> Body.of("duplicate-type", "{\"type\":\"a\",\"type\":\"b\",\"data\":1}", null, 400);
            case 2 -> Body.of("duplicate-type-null", "{\"type\":\"a\",\"data\":1,\"type\":null}", null, 400);
            case 3 -> Body.of("duplicate-data-in-batch", "[{\"data\":1},{\"data\":1,\"data\":1}]", null, 400);
            // Inside data a repeated key is jsonb's business: it keeps the last value.
            case 4 -> Body.of("duplicate-key-in-data", "{\"data\":{\"k\":1,\"k\":2}}",
                    List.of(new Event(DEFAULT_TYPE, "{\"k\":2}")), 201);
            default -> Body.of("duplicate-unknown-member", "{\"data\":1,\"x\":1,\"x\":2}",
                    List.of(new Event(DEFAULT_TYPE, "1")), 201);
        };
    }

    /** Data nested to, at and past the documented 100 levels, and unknown members nested past the parser's limit. */
    private Body deepNesting() {
        int depth = pickInt(1, 50, 99, 100, 100, 101, 101, 102, 103, 150, 1000);
        boolean arrays = random.nextBoolean();
        String data = arrays
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
        if (random.nextInt(4) == 0) {
            // Not stored, but still parsed: only the parser's own limit (data depth + 2) applies.
            return Body.of("deep-unknown-member-" + depth, "{\"data\":1,\"x\":" + data + "}",
                    depth <= 99 ? List.of(new Event(DEFAULT_TYPE, "1")) : null, depth <= 99 ? 201 : depth > 102 ? 400 : 0);
        }
        boolean batch = random.nextBoolean();
        String event = "{\"data\":" + data + "}";
        return Body.of("deep-data-" + depth, batch ? "[" + event + "]" : event,
                depth <= MAX_DEPTH ? List.of(new Event(DEFAULT_TYPE, data)) : null, depth <= MAX_DEPTH ? 201 : 400);
    }

    /** Numbers at and past the edges of doubles and of PostgreSQL numeric. */
    private Body hugeNumber() {
        String[][] numbers = {{"1e400", "201"}, {"-0", "201"}, {"123456789012345678901234567890", "201"},
                {"-0.0", "201"}, {"1e-400", "201"}, {"1E+1000", "201"}, {"-1e-7", "201"}, {"1e308", "201"},
                {"1.7976931348623157e309", "201"}, {"4.9e-325", "201"}, {"1e1000", "201"}, {"1e-1000", "201"},
                {"1e1001", "0"}, {"1e-1001", "0"}, {"1e131071", "0"}, {"9.999e131071", "0"}, {"1e131072", "400"},
                {"1e200000", "400"}, {"1e-16383", "0"}, {"1e-16384", "400"}, {"1.5e-16382", "0"},
                {"0e-20000", "0"}, {"0e200000", "0"}, {"1e2147483647", "400"}, {"1e2147483648", "400"},
                {"1e-2147483649", "400"}, {"-1e9999999999", "400"}, {"0.0000000000000000000000000000001", "201"}};
        String[] number = numbers[random.nextInt(numbers.length)];
        return Body.of("number " + number[0], "{\"data\":" + wrap(number[0]) + "}", null, Integer.parseInt(number[1]));
    }

    /** Jackson caps numbers at 1000 characters; PostgreSQL would take far more, so the cap is what answers. */
    private Body longNumber() {
        String[][] numbers = {{"9".repeat(999), "201"}, {"1".repeat(1000), "201"}, {"1".repeat(1001), "400"},
                {"9".repeat(20_000), "400"}, {"-" + "9".repeat(20_000), "400"}, {"0." + "1".repeat(20_000), "400"},
                {"1." + "0".repeat(997), "201"}, {"1e" + "1".repeat(20_000), "400"}};
        String[] number = numbers[random.nextInt(numbers.length)];
        boolean integer = number[0].chars().allMatch(Character::isDigit);
        return Body.of("number of " + number[0].length() + " characters", "{\"data\":" + number[0] + "}",
                integer && number[1].equals("201") ? List.of(new Event(DEFAULT_TYPE, number[0])) : null,
                Integer.parseInt(number[1]));
    }

    private Body nonNumericLiteral() {
        String literal = pick("NaN", "Infinity", "-Infinity", "+1", ".5", "01", "-01", "0x1F", "1.", "1.e5", "-", "--1",
                "1e", "1e+", "0b1", "1_000", "∞", "nan", "True", "NULL", "undefined");
        return Body.of("literal " + literal, "{\"data\":" + wrap(literal) + "}", null, 400);
    }

    /** jsonb cannot hold U+0000: in data it must be a 400, outside data it is ignored with the member. */
    private Body nulCharacter() {
        return switch (random.nextInt(7)) {
            case 0 -> Body.of("nul-in-string", "{\"data\":\"a\\u0000b\"}", null, 400);
            case 1 -> Body.of("nul-in-key", "{\"data\":{\"k\\u0000\":1}}", null, 400);
            case 2 -> Body.of("nul-in-array", "{\"data\":[1,[\"\\u0000\"]]}", null, 400);
            case 3 -> Body.of("raw-nul-in-string", "{\"data\":\"a\u0000b\"}", null, 400);
            case 4 -> Body.of("nul-in-unknown-member", "{\"data\":1,\"note\":\"\\u0000\"}",
                    List.of(new Event(DEFAULT_TYPE, "1")), 201);
            case 5 -> Body.of("nul-in-type", "{\"type\":\"a\\u0000\",\"data\":1}", null, 400);
            // A backslash and "u0000": six ordinary characters, stored as they are.
            default -> Body.of("escaped-backslash-u0000", "{\"data\":\"\\\\u0000\"}",
                    List.of(new Event(DEFAULT_TYPE, "\"\\\\u0000\"")), 201);
        };
    }

    private Body loneSurrogate() {
        String[][] cases = {{"\"\\ud800\"", "400"}, {"\"\\udfff\"", "400"}, {"\"\\ud800\\ud800\"", "400"},
                {"\"\\ude00\\ud83d\"", "400"}, {"\"x\\ud83d\"", "400"}, {"{\"\\ud800\":1}", "400"},
                {"\"\\ud83d\\ude00\"", "201"}, {"\"\\uD83D\\uDE00\"", "201"}};
        String[] chosen = cases[random.nextInt(cases.length)];
        boolean valid = chosen[1].equals("201");
        if (random.nextInt(4) == 0) {
            // Skipped, not stored; but Jackson still decodes member names, and may refuse a broken one.
            boolean name = chosen[0].startsWith("{");
            return Body.of("surrogate-in-unknown-member", "{\"data\":1,\"x\":" + chosen[0] + "}",
                    List.of(new Event(DEFAULT_TYPE, "1")), name && !valid ? 0 : 201);
        }
        return Body.of("surrogate " + chosen[0], "{\"data\":" + chosen[0] + "}",
                valid ? List.of(new Event(DEFAULT_TYPE, chosen[0])) : null, Integer.parseInt(chosen[1]));
    }

    /**
     * Bytes that are not UTF-8 inside a data string: JSON text is UTF-8 (RFC 8259), so a server that reads the bytes
     * must refuse them rather than store something else. The Lambda event server decodes bodies to text before the
     * function sees them (each bad sequence becomes U+FFFD), so there the answer is not predicted.
     */
    private Body invalidUtf8() {
        int[][] sequences = {{0xC3, 0x28}, {0xFF}, {0x80}, {0xED, 0xA0, 0x80}, {0xC0, 0x80}, {0xC1, 0xBF},
                {0xF4, 0x90, 0x80, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xE2, 0x82}, {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80},
                {0xFE, 0xFF}};
        int[] bad = sequences[random.nextInt(sequences.length)];
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("{\"data\":\"a"));
        for (int b : bad) {
            body.write(b);
        }
        body.writeBytes(utf8("b\"}"));
        return new Body("invalid-utf8", body.toByteArray(), null, transportDecodesUtf8 ? 0 : FuzzRequests.REFUSED);
    }

    /** A UTF-8 byte order mark: RFC 8259 lets a parser ignore it; it must never shift what is stored. */
    private Body bomPrefix() {
        Body valid = valid();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        return new Body("bom", concat(bom, valid.bytes()), valid.events(), 0);
    }

    /** JSON in UTF-16 or UTF-32, which Jackson detects by itself: accepted with the right data, or a 400. */
    private Body otherEncoding() {
        Body valid = valid();
        String text = new String(valid.bytes(), StandardCharsets.UTF_8);
        Charset charset = Charset.forName(pick("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE"));
        return new Body("encoding " + charset.name(), text.getBytes(charset), valid.events(), 0);
    }

    private Body nonObjectEvent() {
        String body = pick("[1]", "[\"x\"]", "[null]", "[true]", "[[]]", "[[{\"data\":1}]]", "[{\"data\":1},2]", "1",
                "\"s\"", "null", "true", "[{\"data\":1},null]", "[{\"data\":1},[]]");
        return Body.of("non-object " + body, body, null, 400);
    }

    private Body wrongMemberType() {
        int choice = random.nextInt(4);
        if (choice == 0) {
            String type = pick("1", "true", "[]", "{}", "\"\"", "\"a b\"", "\"" + "a".repeat(129) + "\"", "\"é\"",
                    "\"a\\nb\"", "\"a$\"", "[\"a\"]", "\"a\\u0000\"");
            return Body.of("type " + type, "{\"type\":" + type + ",\"data\":1}", null, 400);
        }
        if (choice == 1) {
            String event = pick("{\"type\":\"a\"}", "{\"dat\":1}", "{\"Data\":1}", "{\"DATA\":1}", "{\"type\":\"a\",\"data\"}");
            return Body.of("no data " + event, event, null, 400);
        }
        if (choice == 2) {
            // time, seq and channel are the server's: ignored on write like any unknown member.
            String member = pick("\"time\":\"x\"", "\"time\":123", "\"seq\":-1", "\"seq\":\"x\"", "\"time\":{\"$gt\":0}",
                    "\"channel\":\"other\"", "\"time\":\"2000-01-01T00:00:00Z\"");
            return Body.of("server member " + member, "{" + member + ",\"data\":7}", List.of(new Event(DEFAULT_TYPE, "7")),
                    201);
        }
        String type = "t".repeat(128);
        return Body.of("type of 128", "{\"type\":\"" + type + "\",\"data\":null}", List.of(new Event(type, "null")), 201);
    }

    /** Unknown members full of things that must not reach the database: none of it may leak into data. */
    private Body unknownMembers() {
        Body valid = valid();
        String noise = pick("\"x\":\"\\u0000\"", "\"__proto__\":{\"admin\":true}", "\"constructor\":{\"prototype\":1}",
                "\"n\":1e999999", "\"n\":NaN1", "\"deep\":" + "[".repeat(60) + "]".repeat(60), "\"s\":\"\\ud800\"",
                "\"big\":\"" + "x".repeat(70_000) + "\"", "\"\":{}", "\"e\":\"\\u00e9\"");
        boolean invalid = noise.contains("NaN1");
        String text = new String(valid.bytes(), StandardCharsets.UTF_8);
        String event = "{" + noise + ",\"data\":" + valid.events().get(0).data() + ",\"type\":\""
                + valid.events().get(0).type() + "\"}";
        String body = text.startsWith("[") ? "[" + event + "]" : event;
        // 1e999999 is never parsed as a number outside data: the member is skipped token by token.
        return Body.of("unknown member " + noise.substring(0, Math.min(noise.length(), 20)), body,
                invalid ? null : List.of(valid.events().get(0)), invalid ? 400 : 201);
    }

    private Body emptyShape() {
        String body = pick("[]", "{}", "[{}]", "", "   ", "\n", "[ ]", "null", "{\"type\":null}");
        return Body.of("empty shape '" + body + "'", body, null, 400);
    }

    /** 100 events is the most a batch may hold; one more rejects the batch. */
    private Body batchSizes() {
        int count = pickInt(MAX_BATCH, MAX_BATCH + 1, MAX_BATCH + 1, 150, 1000);
        List<Event> events = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new Event(DEFAULT_TYPE, Integer.toString(i)));
            texts.add("{\"data\":" + i + "}");
        }
        boolean fits = count <= MAX_BATCH;
        return Body.of("batch of " + count, "[" + String.join(",", texts) + "]", fits ? events : null, fits ? 201 : 400);
    }

    /** Over 1 MiB in total: refused on the announced length, or after reading when sent chunked. */
    private Body oversizedBody() {
        String chunk = "{\"data\":\"" + "x".repeat(60_000) + "\"}";
        int count = MAX_REQUEST_BYTES / chunk.length() + 1 + random.nextInt(2);
        String body = "[" + (chunk + ",").repeat(count - 1) + chunk + "]";
        return Body.of("body of " + body.length() + " bytes", body, null, 413);
    }

    /** One event's data at and just over 64 KiB, counted in bytes of JSON text as received. */
    private Body dataSizeLimit() {
        int size = pickInt(MAX_DATA_BYTES, MAX_DATA_BYTES + 1, MAX_DATA_BYTES + 1000);
        boolean multibyte = random.nextBoolean();
        String data = multibyte
                ? "\"" + "é".repeat((size - 2) / 2) + (size % 2 == 1 ? "x" : "") + "\""
                : "\"" + "x".repeat(size - 2) + "\"";
        boolean fits = data.getBytes(StandardCharsets.UTF_8).length <= MAX_DATA_BYTES;
        return Body.of("data of " + data.getBytes(StandardCharsets.UTF_8).length + " bytes", "{\"data\":" + data + "}",
                fits ? List.of(new Event(DEFAULT_TYPE, data)) : null, fits ? 201 : 413);
    }

    /** Extensions that lenient parsers accept and JSON does not. */
    private Body jsonExtensions() {
        if (random.nextInt(8) == 0) {
            return Body.of("trailing whitespace", "{\"data\":1} \n\t", List.of(new Event(DEFAULT_TYPE, "1")), 201);
        }
        String body = pick("{/*c*/\"data\":1}", "{'data':1}", "{data:1}", "{\"data\":1,}", "[{\"data\":1},]",
                "{\"data\":1}//x", "{\"data\":'x'}", "{\"data\":\"a\\qb\"}", "{\"data\":\"\\x41\"}",
                "{\"data\":\"tab\there\"}", "{\"data\":undefined}", "{\"data\":\"\\u12\"}", "{\"data\"=1}",
                "{\"data\":1}{\"data\":2}", "# comment\n{\"data\":1}");
        return Body.of("extension " + body, body, null, 400);
    }

    // --- Helpers --------------------------------------------------------------------------------------------------

    /** Puts a number at the top of data, in an array, or in an object. */
    private String wrap(String number) {
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> "[" + number + "]";
            default -> "{\"n\":" + number + "}";
        };
    }

    private static String quote(String type) {
        return type == null ? "null" : "\"" + type + "\"";
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private int pickInt(int... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
