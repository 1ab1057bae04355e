import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load for the soak (bench/soak/run), run as {@code java SoakLoad.java key=value...}; JDK only. Publishers
 * (single events and batches, a quarter with an Idempotency-Key) on several channels, two followers per channel
 * ({@code since=} cursors, one of them conditional with {@code If-None-Match}), and stats requests, for
 * {@code seconds}. Every follower checks its channel: gapless seqs, no event twice, and at the end every acknowledged
 * event seen (pruning runs meanwhile, so followers must keep up; a 410 counts as a loss). Prints per minute the
 * server's RSS and, per request type, p50/p99 and statuses; exits 1 on any loss, duplicate, gap, 500 or request
 * without an answer.
 */
public class SoakLoad {

    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    static final Pattern ID = Pattern.compile("\"id\":\\s*\"([^\"]+)\"");
    static final Pattern NEXT = Pattern.compile("\"next\":(\\d+),\"more\":(true|false)");
    static final Pattern OLDEST = Pattern.compile("\"oldest\":(\\d+)");

    static final Map<String, String> ARGS = new HashMap<>();
    static HttpClient http;
    static String base;
    static String key;
    static long startedMillis;
    static long windowMillis;
    static volatile long drainFrom = Long.MAX_VALUE;

    /** Per window (minute): latencies in microseconds per request type, and statuses per type. */
    static final Map<Integer, Map<String, ConcurrentLinkedQueue<Long>>> LATENCY = new ConcurrentHashMap<>();
    static final Map<Integer, Map<String, AtomicLong>> STATUS = new ConcurrentHashMap<>();
    static final Map<Integer, AtomicLong> RSS_MAX = new ConcurrentHashMap<>();
    static final Map<Integer, AtomicLong> RSS_LAST = new ConcurrentHashMap<>();

    public static void main(String[] argv) throws Exception {
        for (String arg : argv) {
            String[] pair = arg.split("=", 2);
            ARGS.put(pair[0], pair[1]);
        }
        base = arg("base", "http://localhost:51060");
        key = arg("key", "");
        int seconds = intArg("seconds", 600);
        int publishers = intArg("publishers", 4);
        int channels = intArg("channels", 6);
        long pauseMillis = intArg("pauseMillis", 25);
        String prefix = arg("prefix", "soak-" + System.currentTimeMillis());
        windowMillis = intArg("windowSeconds", 60) * 1000L;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
        startedMillis = System.currentTimeMillis();
        long until = startedMillis + seconds * 1000L;
        AtomicBoolean publishing = new AtomicBoolean(true);

        List<Set<String>> acknowledged = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            acknowledged.add(ConcurrentHashMap.newKeySet());
        }
        AtomicLong unknown = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < publishers; w++) {
            int writer = w;
            writers.add(started(() -> publish(writer, prefix, acknowledged, unknown, until, pauseMillis)));
        }
        List<Follower> followers = new ArrayList<>();
        List<Thread> reading = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            for (boolean conditional : new boolean[] {false, true}) {
                Follower follower = new Follower(prefix + "-" + c, c, conditional);
                followers.add(follower);
                reading.add(started(() -> follower.follow(publishing)));
            }
        }
        Thread stats = started(() -> stats(prefix, channels, until));
        String pid = arg("pid", "");
        Thread rss = started(() -> sampleRss(pid, publishing));

        for (Thread writer : writers) {
            writer.join();
        }
        // Followers drain after the head freshness bound (1 s) has passed: a caught-up poll may be answered from memory.
        drainFrom = System.currentTimeMillis() + 2000;
        publishing.set(false);
        for (Thread reader : reading) {
            reader.join();
        }
        stats.join();
        rss.join();
        report(followers, acknowledged, unknown.get());
    }

    static void publish(int writer, String prefix, List<Set<String>> acknowledged, AtomicLong unknown, long until,
            long pauseMillis) {
        Random random = new Random(writer);
        for (int n = 0; System.currentTimeMillis() < until; n++) {
            // Channel 0 is hot: a third of the publishes.
            int channel = random.nextInt(3) == 0 ? 0 : random.nextInt(acknowledged.size());
            int size = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(19);
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder(size == 1 ? "" : "[");
            for (int i = 0; i < size; i++) {
                String id = "p" + writer + "-" + n + "-" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"type\":\"soak\",\"data\":{\"id\":\"").append(id)
                        .append("\",\"pad\":\"").append("x".repeat(random.nextInt(400))).append("\"}}");
            }
            if (size > 1) {
                body.append(']');
            }
            boolean keyed = random.nextInt(4) == 0;
            String type = size == 1 ? "publish" : "publish-batch";
            for (int attempt = 0;; attempt++) {
                HttpRequest.Builder request = HttpRequest
                        .newBuilder(URI.create(base + "/v1/channels/" + prefix + "-" + channel + "/events"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
                if (keyed) {
                    request.header("Idempotency-Key", "k" + writer + "-" + n);
                }
                Answer answer = send(type, request);
                if (answer.status() == 201 || answer.status() == 200) {
                    acknowledged.get(channel).addAll(ids);
                    break;
                }
                // Without a key a publish whose outcome is unknown is not retried (its events may be stored).
                if (!keyed || attempt == 5) {
                    unknown.incrementAndGet();
                    break;
                }
                sleep(200);
            }
            sleep(pauseMillis);
        }
    }

    /** One client following a channel from 0, checking what it gets. */
    static final class Follower {
        final String channel;
        final int index;
        final boolean conditional;
        final Set<String> seen = new HashSet<>();
        long duplicates;
        long gaps;
        long expired;
        long delivered;

        Follower(String channel, int index, boolean conditional) {
            this.channel = channel;
            this.index = index;
            this.conditional = conditional;
        }

        void follow(AtomicBoolean publishing) {
            long since = 0;
            String etag = null;
            boolean finalRound = false;
            while (true) {
                boolean stopped = !publishing.get() && System.currentTimeMillis() > drainFrom;
                HttpRequest.Builder request = HttpRequest
                        .newBuilder(URI.create(base + "/v1/channels/" + channel + "/events?since=" + since
                                + "&limit=1000"))
                        .header("Authorization", "Bearer " + key).GET();
                if (conditional && etag != null) {
                    request.header("If-None-Match", etag);
                }
                Answer answer = send(null, request);
                boolean more = false;
                boolean empty = true;
                if (answer.status() == 200) {
                    etag = answer.etag();
                    Matcher seqs = SEQ.matcher(answer.body());
                    while (seqs.find()) {
                        long seq = Long.parseLong(seqs.group(1));
                        gaps += seq == since + 1 ? 0 : 1;
                        since = seq;
                        empty = false;
                        delivered++;
                    }
                    Matcher ids = ID.matcher(answer.body());
                    while (ids.find()) {
                        duplicates += seen.add(ids.group(1)) ? 0 : 1;
                    }
                    Matcher next = NEXT.matcher(answer.body());
                    if (next.find()) {
                        since = Long.parseLong(next.group(1));
                        more = Boolean.parseBoolean(next.group(2));
                    }
                } else if (answer.status() == 410) {
                    expired++;
                    Matcher oldest = OLDEST.matcher(answer.body());
                    since = oldest.find() ? Long.parseLong(oldest.group(1)) - 1 : since;
                    more = true;
                }
                if (finalRound && empty && !more) {
                    return;
                }
                // Every publish had returned before this poll was sent: one more empty poll proves the drain.
                finalRound = stopped && empty && !more;
                if (!more) {
                    sleep(100);
                }
            }
        }
    }

    static void stats(String prefix, int channels, long until) {
        for (int n = 0; System.currentTimeMillis() < until; n++) {
            String path = n % 2 == 0 ? "/v1/stats" : "/v1/channels/" + prefix + "-" + (n % channels) + "/stats";
            send(n % 2 == 0 ? "stats" : "channel-stats",
                    HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).GET());
            sleep(250);
        }
    }

    static void sampleRss(String pid, AtomicBoolean publishing) {
        Path status = Path.of("/proc", pid, "status");
        while (!pid.isEmpty() && publishing.get()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long mb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                        RSS_MAX.computeIfAbsent(window(), w -> new AtomicLong()).accumulateAndGet(mb, Math::max);
                        RSS_LAST.computeIfAbsent(window(), w -> new AtomicLong()).set(mb);
                    }
                }
            } catch (Exception e) {
                System.err.println("no RSS of " + pid + ": " + e);
                return;
            }
            sleep(1000);
        }
    }

    record Answer(int status, String body, String etag) {
    }

    /** Sends and records; {@code type} null for polls, named by their answer (poll-200, poll-304, …). */
    static Answer send(String type, HttpRequest.Builder request) {
        long started = System.nanoTime();
        Answer answer;
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            answer = new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (Exception e) {
            answer = new Answer(-1, e.toString(), null);
        }
        long micros = (System.nanoTime() - started) / 1000;
        String named = type != null ? type : answer.status() == 304 ? "poll-304" : "poll-200";
        int window = window();
        LATENCY.computeIfAbsent(window, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(named, t -> new ConcurrentLinkedQueue<>())
                .add(micros);
        STATUS.computeIfAbsent(window, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(named + " " + answer.status(), t -> new AtomicLong())
                .incrementAndGet();
        return answer;
    }

    static int window() {
        return (int) ((System.currentTimeMillis() - startedMillis) / windowMillis) + 1;
    }

    static void report(List<Follower> followers, List<Set<String>> acknowledged, long unknown) {
        System.out.println("| minute | RSS max / last MB | type | requests | p50 ms | p99 ms | max ms | statuses |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        long serverErrors = 0;
        for (int window : new TreeMap<>(LATENCY).keySet()) {
            Map<String, AtomicLong> statuses = STATUS.get(window);
            for (Map.Entry<String, ConcurrentLinkedQueue<Long>> type : new TreeMap<>(LATENCY.get(window)).entrySet()) {
                List<Long> sorted = new ArrayList<>(type.getValue());
                sorted.sort(null);
                Map<String, Long> ofType = new TreeMap<>();
                statuses.forEach((name, count) -> {
                    if (name.startsWith(type.getKey() + " ")) {
                        ofType.put(name.substring(type.getKey().length() + 1), count.get());
                    }
                });
                // 503 (with Retry-After) is the designed answer of an overloaded instance; a 500 or no answer is not.
                serverErrors += ofType.entrySet().stream()
                        .filter(e -> e.getKey().equals("500") || e.getKey().startsWith("-"))
                        .mapToLong(Map.Entry::getValue).sum();
                System.out.printf("| %d | %s / %s | %s | %d | %.1f | %.1f | %.1f | %s |%n", window,
                        RSS_MAX.getOrDefault(window, new AtomicLong()), RSS_LAST.getOrDefault(window, new AtomicLong()),
                        type.getKey(), sorted.size(), at(sorted, 0.50), at(sorted, 0.99), at(sorted, 1.0), ofType);
            }
        }
        long published = acknowledged.stream().mapToLong(Set::size).sum();
        long delivered = 0;
        long lost = 0;
        long duplicates = 0;
        long gaps = 0;
        long expired = 0;
        for (Follower follower : followers) {
            delivered += follower.delivered;
            duplicates += follower.duplicates;
            gaps += follower.gaps;
            expired += follower.expired;
            lost += acknowledged.get(follower.index).stream().filter(id -> !follower.seen.contains(id)).count();
        }
        System.out.printf("published=%d (events acknowledged) delivered=%d (events received by %d followers)"
                + " lost=%d duplicated=%d gaps=%d expired410=%d unknownOutcome=%d 500sAndNoAnswer=%d%n", published,
                delivered, followers.size(), lost, duplicates, gaps, expired, unknown, serverErrors);
        System.exit(lost == 0 && duplicates == 0 && gaps == 0 && expired == 0 && serverErrors == 0 ? 0 : 1);
    }

    static double at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * quantile))) / 1000.0;
    }

    static String arg(String name, String fallback) {
        return ARGS.getOrDefault(name, fallback);
    }

    static int intArg(String name, int fallback) {
        return Integer.parseInt(arg(name, Integer.toString(fallback)));
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
