import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load for the fault tests (bench/faults/run), run as {@code java FaultLoad.java <scenario> key=value...}; no
 * dependencies beyond the JDK. Prints one line of {@code name=value} results and exits 1 when a check fails.
 *
 * <ul>
 * <li>{@code mixed}: writers publish (half with an Idempotency-Key, retried until acknowledged; half without, not
 * retried once their outcome is unknown) and pollers follow, for {@code seconds}; then every channel is read from 0:
 * gapless, every acknowledged event exactly once, no event twice. Reports 500s and the failing window. A keyless
 * publish without an answer (the connection broke after it was sent) is not retried either; a refused connection
 * is.</li>
 * <li>{@code burst}: {@code concurrency} requests at once (polls and publishes); every answer is 2xx or 503 with
 * Retry-After, within {@code maxMillis}.</li>
 * <li>{@code big}: channels of 60 KB events polled together with limit=1000 by {@code concurrency} clients at
 * once; reports the largest answer.</li>
 * <li>{@code slow}: normal polls and publishes measured alone, then beside {@code tricklers} connections sending a
 * body a byte every 500 ms and {@code neverReaders} connections that ask for a big page ({@code path}) and never
 * read; checks that the normal ones still succeed within {@code factor} times their p99 alone (or
 * {@code floorMillis}), that the tricklers are answered 408 or closed by {@code bodyDeadlineSeconds} + 3 s, and
 * that the never-readers are closed by {@code idleSeconds} + 8 s.</li>
 * <li>{@code flood}: a valid key's polls measured alone, then beside {@code flooders} connections sending unknown
 * API keys and forged tokens as fast as they are answered, each from a new address (X-Forwarded-For); checks that
 * all bad credentials get 401 and the valid key's p50 stays within {@code factor} times its p50 alone. With
 * {@code floodOnly=true} it only floods for {@code seconds} (the script counts database transactions meanwhile).</li>
 * </ul>
 */
public class FaultLoad {

    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    static final Pattern ID = Pattern.compile("\"id\":\\s*\"([^\"]+)\"");
    static final Pattern NEXT = Pattern.compile("\"next\":(\\d+),\"more\":(true|false)");

    static Map<String, String> args = new HashMap<>();
    static HttpClient http;
    static String base;
    static String key;

    public static void main(String[] argv) throws Exception {
        for (int i = 1; i < argv.length; i++) {
            String[] pair = argv[i].split("=", 2);
            args.put(pair[0], pair[1]);
        }
        base = arg("base", "http://localhost:31060");
        key = arg("key", "");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
        boolean ok = switch (argv[0]) {
            case "mixed" -> mixed();
            case "burst" -> burst();
            case "big" -> big();
            case "bigburst" -> bigBurst();
            case "slow" -> slow();
            case "flood" -> flood();
            default -> throw new IllegalArgumentException(argv[0]);
        };
        System.exit(ok ? 0 : 1);
    }

    static String arg(String name, String fallback) {
        return args.getOrDefault(name, fallback);
    }

    static int intArg(String name, int fallback) {
        return Integer.parseInt(arg(name, Integer.toString(fallback)));
    }

    record Answer(int status, String body, String retryAfter, long millis) {
    }

    static CompletableFuture<Answer> send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        return http.sendAsync(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    if (failure != null) {
                        return new Answer(-1, failure.toString(), null, millis);
                    }
                    return new Answer(response.statusCode(), response.body(),
                            response.headers().firstValue("Retry-After").orElse(null), millis);
                });
    }

    static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).GET();
    }

    static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Status counts, the failing window and latencies, shared by the load threads. */
    static final class Tally {
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastFailure = new AtomicLong(0);
        final AtomicLong maxMillis = new AtomicLong();
        final AtomicLong noRetryAfter = new AtomicLong();
        final ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();

        void add(Answer answer) {
            statuses.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
            maxMillis.accumulateAndGet(answer.millis(), Math::max);
            millis.add(answer.millis());
            if (answer.status() >= 500 || answer.status() < 0) {
                long now = System.currentTimeMillis();
                firstFailure.accumulateAndGet(now, Math::min);
                lastFailure.accumulateAndGet(now, Math::max);
                if (answer.status() == 503 && answer.retryAfter() == null) {
                    noRetryAfter.incrementAndGet();
                }
            }
        }

        long count(int status) {
            AtomicLong n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        long failingWindowMillis() {
            return lastFailure.get() == 0 ? 0 : lastFailure.get() - firstFailure.get();
        }

        long p99() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99));
        }

        String summary() {
            return "statuses=" + new TreeMap<>(statuses) + " failingWindowMs=" + failingWindowMillis() + " maxMs="
                    + maxMillis.get() + " p99Ms=" + p99() + " missingRetryAfter=" + noRetryAfter.get();
        }
    }

    static boolean mixed() throws Exception {
        int seconds = intArg("seconds", 15);
        int writers = intArg("writers", 8);
        int pollers = intArg("pollers", 8);
        int channels = intArg("channels", 4);
        String prefix = arg("prefix", "fault-" + System.currentTimeMillis());
        long until = System.currentTimeMillis() + seconds * 1000L;
        Tally tally = new Tally();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong unknown = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(started(() -> {
                boolean keyed = writer % 2 == 0;
                for (int n = 0; System.currentTimeMillis() < until; n++) {
                    String id = writer + "-" + n;
                    String channel = prefix + "-" + (n % channels);
                    HttpRequest.Builder request = post("/v1/channels/" + channel + "/events",
                            "{\"type\":\"fault\",\"data\":{\"id\":\"" + id + "\"}}");
                    if (keyed) {
                        request.header("Idempotency-Key", id);
                    }
                    while (true) {
                        Answer answer = send(request).join();
                        tally.add(answer);
                        if (answer.status() == 201 || answer.status() == 200) {
                            acknowledged.add(id);
                            break;
                        }
                        boolean notSent = answer.status() < 0 && answer.body().contains("ConnectException");
                        if (!keyed && !notSent && (answer.status() < 0 || answer.body().contains("outcome-unknown"))) {
                            unknown.incrementAndGet();
                            break; // a client without a key does not retry blindly
                        }
                        if (System.currentTimeMillis() > until + 30_000) {
                            break;
                        }
                        sleep(answer.retryAfter() != null ? 200 : 100);
                    }
                }
            }));
        }
        for (int p = 0; p < pollers; p++) {
            int poller = p;
            threads.add(started(() -> {
                long since = 0;
                String channel = prefix + "-" + (poller % channels);
                while (System.currentTimeMillis() < until) {
                    Answer answer = send(get("/v1/channels/" + channel + "/events?since=" + since)).join();
                    tally.add(answer);
                    if (answer.status() == 200) {
                        Matcher next = NEXT.matcher(answer.body());
                        if (next.find()) {
                            since = Long.parseLong(next.group(1));
                        }
                    }
                    sleep(answer.status() == 200 ? 20 : 200);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // The server may be restarting (the shutdown scenario): wait until it is ready again.
        for (int i = 0; i < 300 && send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).GET()).join()
                .status() != 200; i++) {
            sleep(200);
        }
        // Every channel read from 0: gapless, each acknowledged event once, nothing twice.
        Map<String, Integer> seen = new HashMap<>();
        boolean gapless = true;
        for (int c = 0; c < channels; c++) {
            long since = 0;
            boolean more = true;
            while (more) {
                Answer answer = send(get("/v1/channels/" + prefix + "-" + c + "/events?since=" + since + "&limit=1000"))
                        .join();
                if (answer.status() != 200) {
                    System.out.println("verification poll answered " + answer.status() + ": " + answer.body());
                    return false;
                }
                Matcher seqs = SEQ.matcher(answer.body());
                while (seqs.find()) {
                    long seq = Long.parseLong(seqs.group(1));
                    gapless &= seq == ++since;
                }
                Matcher ids = ID.matcher(answer.body());
                while (ids.find()) {
                    seen.merge(ids.group(1), 1, Integer::sum);
                }
                Matcher next = NEXT.matcher(answer.body());
                next.find();
                since = Long.parseLong(next.group(1));
                more = Boolean.parseBoolean(next.group(2));
            }
        }
        long lost = acknowledged.stream().filter(id -> !seen.containsKey(id)).count();
        long duplicated = seen.values().stream().filter(n -> n > 1).count();
        System.out.println("scenario=mixed acknowledged=" + acknowledged.size() + " stored=" + seen.size()
                + " unknownOutcome=" + unknown.get() + " lost=" + lost + " duplicated=" + duplicated + " gapless="
                + gapless + " " + tally.summary());
        return lost == 0 && duplicated == 0 && gapless && tally.count(500) == 0 && tally.noRetryAfter.get() == 0;
    }

    static boolean burst() {
        int concurrency = intArg("concurrency", 2000);
        long maxMillis = Long.parseLong(arg("maxMillis", "6500"));
        String channel = arg("channel", "burst");
        Tally tally = new Tally();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            answers.add(i % 4 == 0 ? send(post("/v1/channels/" + channel + "/events", "{\"data\":" + i + "}"))
                    : send(get("/v1/channels/" + channel + "/events?since=0")));
        }
        answers.forEach(answer -> tally.add(answer.join()));
        long refused = tally.statuses.entrySet().stream()
                .filter(e -> e.getKey() != 200 && e.getKey() != 201 && e.getKey() != 503)
                .mapToLong(e -> e.getValue().get()).sum();
        long fast = tally.millis.stream().filter(ms -> ms < 1000).count();
        System.out.println("scenario=burst concurrency=" + concurrency + " answeredUnder1s=" + fast + " "
                + tally.summary());
        return refused == 0 && tally.noRetryAfter.get() == 0 && tally.maxMillis.get() <= maxMillis;
    }

    static boolean big() {
        int channels = intArg("channels", 5);
        int events = intArg("events", 100);
        int concurrency = intArg("concurrency", 4);
        String prefix = arg("prefix", "big-" + System.currentTimeMillis());
        String event = "{\"data\":\"" + "x".repeat(60_000) + "\"}";
        StringBuilder query = new StringBuilder();
        for (int c = 0; c < channels; c++) {
            for (int from = 0; from < events; from += 15) {
                List<String> batch = new ArrayList<>();
                for (int i = from; i < Math.min(events, from + 15); i++) {
                    batch.add(event);
                }
                Answer stored = send(post("/v1/channels/" + prefix + "-" + c + "/events",
                        "[" + String.join(",", batch) + "]")).join();
                if (stored.status() != 201) {
                    System.out.println("seeding answered " + stored.status() + ": " + stored.body());
                    return false;
                }
            }
            query.append(c == 0 ? "" : ",").append(prefix).append('-').append(c).append(":0");
        }
        long largest = 0;
        Tally tally = new Tally();
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                answers.add(send(get("/v1/events?limit=1000&channels=" + query)));
            }
            for (CompletableFuture<Answer> future : answers) {
                Answer answer = future.join();
                tally.add(answer);
                largest = Math.max(largest, answer.body() == null ? 0 : answer.body().length());
            }
        }
        System.out.println("scenario=big channels=" + channels + " events=" + events + " eventBytes=60000"
                + " largestAnswerBytes=" + largest + " " + tally.summary());
        return tally.count(200) == 3L * concurrency && largest <= 2 * 1024 * 1024;
    }

    /**
     * Polls of big pages arriving together (issue #14): {@code polls} of {@code smallPath} (a 240 KB page) within
     * {@code smallOverMillis}, then as many of {@code largePath} (a 2 MB page) over {@code largeOverMillis}. Every answer
     * must be 200 or 503 with Retry-After (page memory full), none lost to a dead server.
     */
    static boolean bigBurst() {
        int polls = intArg("polls", 200);
        Tally small = spread(arg("smallPath", ""), polls, intArg("smallOverMillis", 400));
        Tally large = spread(arg("largePath", ""), polls, intArg("largeOverMillis", 4000));
        System.out.println("scenario=bigburst polls=" + polls + " smallPage: " + small.summary() + " largePage: "
                + large.summary());
        return onlyOkOr503(small) && onlyOkOr503(large) && small.count(200) > 0 && large.count(200) > 0;
    }

    /** {@code polls} GETs of {@code path}, sent evenly over {@code overMillis}, all answered. */
    static Tally spread(String path, int polls, int overMillis) {
        Tally tally = new Tally();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < polls; i++) {
            long due = started + (long) i * overMillis * 1_000_000 / polls;
            while (System.nanoTime() < due) {
                sleep(1);
            }
            answers.add(send(get(path)));
        }
        answers.forEach(answer -> tally.add(answer.join()));
        return tally;
    }

    static boolean onlyOkOr503(Tally tally) {
        return tally.statuses.keySet().stream().allMatch(status -> status == 200 || status == 503)
                && tally.noRetryAfter.get() == 0;
    }

    /** Normal clients: pollers and publishers in a loop until {@code until}, tallied. */
    static List<Thread> normalLoad(String channel, int clients, long until, Tally tally) {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(started(() -> {
                for (int n = 0; System.currentTimeMillis() < until; n++) {
                    tally.add(send(client % 2 == 0 ? get("/v1/channels/" + channel + "/events?since=0&limit=10")
                            : post("/v1/channels/" + channel + "/events", "{\"data\":" + n + "}")).join());
                    sleep(20);
                }
            }));
        }
        return threads;
    }

    static long percentile(Tally tally, double p) {
        List<Long> sorted = new ArrayList<>(tally.millis);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p));
    }

    static long nonSuccess(Tally tally) {
        return tally.statuses.entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != 201)
                .mapToLong(e -> e.getValue().get()).sum();
    }

    static Socket rawSocket(int receiveBuffer) throws Exception {
        URI uri = URI.create(base);
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        return socket;
    }

    /** Whether the server closed the socket (or answered and closed); drains what it sent first. */
    static String closedBy(Socket socket, long waitMillis) {
        try {
            socket.setSoTimeout((int) Math.max(1, waitMillis));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            String first = null;
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return first != null && first.startsWith("HTTP/1.1 408") ? "408" : "closed";
                }
                if (first == null) {
                    first = new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII);
                }
            }
        } catch (SocketTimeoutException e) {
            return "open";
        } catch (IOException e) {
            return "closed";
        }
    }

    static boolean slow() throws Exception {
        int tricklers = intArg("tricklers", 200);
        int neverReaders = intArg("neverReaders", 200);
        int clients = intArg("clients", 4);
        int measureSeconds = intArg("seconds", 8);
        int bodyDeadline = intArg("bodyDeadlineSeconds", 10);
        int idle = intArg("idleSeconds", 30);
        double factor = Double.parseDouble(arg("factor", "3"));
        long floorMillis = Long.parseLong(arg("floorMillis", "250"));
        String path = arg("path", "/v1/channels/slow/events?since=0");
        String channel = arg("channel", "slow-normal-" + System.currentTimeMillis());
        URI uri = URI.create(base);
        String host = uri.getHost() + ":" + uri.getPort();

        Tally alone = new Tally();
        for (Thread thread : normalLoad(channel, clients, System.currentTimeMillis() + measureSeconds * 1000L / 2,
                alone)) {
            thread.join();
        }

        long opened = System.currentTimeMillis();
        List<Socket> trickling = new ArrayList<>();
        List<OutputStream> trickleOut = new ArrayList<>();
        String body = "{\"data\":\"" + "t".repeat(180) + "\"}";
        for (int i = 0; i < tricklers; i++) {
            Socket socket = rawSocket(0);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/channels/" + channel + "-trickle/events HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickling.add(socket);
            trickleOut.add(out);
        }
        List<Socket> readers = new ArrayList<>();
        long openOver = Long.parseLong(arg("openOverMillis", "0"));
        for (int i = 0; i < neverReaders; i++) {
            sleep(openOver / Math.max(1, neverReaders));
            // A small receive buffer: the answer stays on the server's side of the connection, the worst case.
            Socket socket = rawSocket(4096);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + key + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            readers.add(socket);
        }
        long openMillis = System.currentTimeMillis() - opened;
        long trickleUntil = opened + (bodyDeadline + 3) * 1000L;
        Thread trickler = started(() -> {
            for (int at = 0; at < body.length() && System.currentTimeMillis() < trickleUntil; at++) {
                for (OutputStream out : trickleOut) {
                    try {
                        out.write(body.charAt(at));
                        out.flush();
                    } catch (IOException closed) {
                        // answered 408 and closed: expected after the deadline
                    }
                }
                sleep(500);
            }
        });

        Tally beside = new Tally();
        for (Thread thread : normalLoad(channel, clients, System.currentTimeMillis() + measureSeconds * 1000L,
                beside)) {
            thread.join();
        }

        long untilTricklers = opened + (bodyDeadline + 3) * 1000L;
        Map<String, Integer> trickleEnds = new TreeMap<>();
        for (Socket socket : trickling) {
            trickleEnds.merge(closedBy(socket, untilTricklers - System.currentTimeMillis()), 1, Integer::sum);
        }
        long untilReaders = opened + (idle + 8) * 1000L;
        sleep(untilReaders - 3000 - System.currentTimeMillis());
        Map<String, Integer> readerEnds = new TreeMap<>();
        for (Socket socket : readers) {
            readerEnds.merge(closedBy(socket, Math.max(100, untilReaders - System.currentTimeMillis())), 1,
                    Integer::sum);
        }
        long allowedP99 = Math.max(floorMillis, (long) (factor * percentile(alone, 0.99)));
        boolean ok = nonSuccess(alone) == 0 && nonSuccess(beside) == 0 && percentile(beside, 0.99) <= allowedP99
                && trickleEnds.getOrDefault("open", 0) == 0 && readerEnds.getOrDefault("open", 0) == 0;
        System.out.println("scenario=slow tricklers=" + tricklers + " neverReaders=" + neverReaders + " openedInMs="
                + openMillis + " alone: requests=" + alone.millis.size() + " p50Ms=" + percentile(alone, 0.5)
                + " p99Ms=" + percentile(alone, 0.99) + " statuses=" + new TreeMap<>(alone.statuses)
                + " beside: requests=" + beside.millis.size() + " p50Ms=" + percentile(beside, 0.5) + " p99Ms="
                + percentile(beside, 0.99) + " maxMs=" + beside.maxMillis.get() + " statuses="
                + new TreeMap<>(beside.statuses) + " allowedP99Ms=" + allowedP99 + " tricklersBy"
                + (bodyDeadline + 3) + "s=" + trickleEnds + " neverReadersBy" + (idle + 8) + "s=" + readerEnds);
        return ok;
    }

    /** A well-formed API key that no deployment issued (pfk_ + 12 base32 + _ + 43 base64url). */
    static String unknownKey(Random random) {
        String base32 = "abcdefghijklmnopqrstuvwxyz234567";
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder key = new StringBuilder("pfk_");
        for (int i = 0; i < 12; i++) {
            key.append(base32.charAt(random.nextInt(32)));
        }
        key.append('_');
        for (int i = 0; i < 43; i++) {
            key.append(base64.charAt(random.nextInt(64)));
        }
        return key.toString();
    }

    /** An HS256 token with a valid shape and claims, signed with a secret the server does not know. */
    static String forgedToken(Random random) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        long exp = System.currentTimeMillis() / 1000 + 600;
        String payload = b64.encodeToString(("{\"sub\":\"forger-" + random.nextInt() + "\",\"exp\":" + exp
                + ",\"pollfeed\":{\"read\":[\"*\"],\"publish\":[\"*\"]}}").getBytes());
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes()));
        return header + "." + payload + "." + signature;
    }

    static String randomSource(Random random) {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    static boolean flood() throws Exception {
        int flooders = intArg("flooders", 8);
        int seconds = intArg("seconds", 6);
        int measurers = intArg("measurers", 2);
        double factor = Double.parseDouble(arg("factor", "3"));
        long floorMillis = Long.parseLong(arg("floorMillis", "5"));
        boolean floodOnly = Boolean.parseBoolean(arg("floodOnly", "false"));
        String channel = arg("channel", "flood-" + System.currentTimeMillis());
        if (!floodOnly && send(post("/v1/channels/" + channel + "/events", "{\"data\":0}")).join().status() != 201) {
            System.out.println("the valid key could not publish");
            return false;
        }
        Tally alone = new Tally();
        if (!floodOnly) {
            measureValid(channel, measurers, System.currentTimeMillis() + seconds * 1000L / 2, alone);
        }
        long until = System.currentTimeMillis() + seconds * 1000L;
        Tally bad = new Tally();
        List<Thread> threads = new ArrayList<>();
        for (int f = 0; f < flooders; f++) {
            int flooder = f;
            threads.add(started(() -> {
                Random random = new Random(flooder);
                for (int n = 0; System.currentTimeMillis() < until; n++) {
                    String credential;
                    try {
                        credential = n % 2 == 0 ? unknownKey(random) : forgedToken(random);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    bad.add(send(HttpRequest.newBuilder(URI.create(base + "/v1/channels/" + channel
                            + "/events?since=0")).header("Authorization", "Bearer " + credential)
                            .header("X-Forwarded-For", randomSource(random)).GET()).join());
                }
            }));
        }
        Tally beside = new Tally();
        if (!floodOnly) {
            measureValid(channel, measurers, until, beside);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long sent = bad.millis.size();
        long refused = bad.count(401);
        if (floodOnly) {
            System.out.println("scenario=flood-only badCredentials=" + sent + " statuses=" + new TreeMap<>(bad.statuses)
                    + " perSecond=" + sent / Math.max(1, seconds));
            return refused == sent;
        }
        long allowed = Math.max(floorMillis, (long) (factor * percentile(alone, 0.5)));
        System.out.println("scenario=flood badCredentials=" + sent + " perSecond=" + sent / Math.max(1, seconds)
                + " badStatuses=" + new TreeMap<>(bad.statuses) + " valid alone: requests=" + alone.millis.size()
                + " p50Ms=" + percentile(alone, 0.5) + " p99Ms=" + percentile(alone, 0.99) + " valid during flood:"
                + " requests=" + beside.millis.size() + " p50Ms=" + percentile(beside, 0.5) + " p99Ms="
                + percentile(beside, 0.99) + " statuses=" + new TreeMap<>(beside.statuses) + " allowedP50Ms=" + allowed);
        return refused == sent && nonSuccess(alone) == 0 && nonSuccess(beside) == 0
                && percentile(beside, 0.5) <= allowed;
    }

    /** Polls with the valid key, one after another per thread, from an address of its own. */
    static void measureValid(String channel, int threads, long until, Tally tally) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(started(() -> {
                while (System.currentTimeMillis() < until) {
                    tally.add(send(get("/v1/channels/" + channel + "/events?since=0").header("X-Forwarded-For",
                            "192.0.2.10")).join());
                    sleep(5);
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
    }

    static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
