import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        base = arg("base", "http://localhost:50060");
        key = arg("key", "");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
        boolean ok = switch (argv[0]) {
            case "mixed" -> mixed();
            case "burst" -> burst();
            case "big" -> big();
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
