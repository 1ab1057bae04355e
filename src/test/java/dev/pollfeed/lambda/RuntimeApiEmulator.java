package dev.pollfeed.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API (2018-06-01) on 127.0.0.1, as much of it as a function uses: it hands out one queued event
 * per {@code /invocation/next} and collects responses and errors, so a test can invoke a real function process the
 * way the Lambda service does.
 */
final class RuntimeApiEmulator implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK, adding
        // ~40 ms to every exchange; Lambda's own Runtime API answers in well under a millisecond.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final BlockingQueue<String[]> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNextAt = new CompletableFuture<>();
    private volatile String initError;

    RuntimeApiEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until the function finished its init phase and asked for its first event; returns when (nanoTime). */
    long awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (initError != null) {
                throw new IllegalStateException("init failed: " + initError);
            }
            if (firstNextAt.isDone()) {
                return firstNextAt.get();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the function did not ask for an event within " + timeout);
    }

    /** Invokes the function with an event and waits for its response document. */
    String invoke(String event, Duration timeout) throws Exception {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> response = new CompletableFuture<>();
        pending.put(requestId, response);
        queue.put(new String[]{requestId, event});
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pending.remove(requestId);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals("invocation/next")) {
                firstNextAt.complete(System.nanoTime());
                String[] next = queue.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next[0]);
                exchange.getResponseHeaders()
                        .add("Lambda-Runtime-Deadline-Ms",
                                Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders()
                        .add("Lambda-Runtime-Invoked-Function-Arn",
                                "arn:aws:lambda:us-east-1:123456789012:function:pollfeed-e2e");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                send(exchange, 200, next[1].getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(path, new String(body, StandardCharsets.UTF_8), false);
                send(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(path, new String(body, StandardCharsets.UTF_8), true);
                send(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("init/error")) {
                initError = new String(body, StandardCharsets.UTF_8);
                send(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "{}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void complete(String path, String body, boolean error) {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        CompletableFuture<String> response = pending.get(requestId);
        if (response != null) {
            if (error) {
                response.completeExceptionally(new IllegalStateException("function error: " + body));
            } else {
                response.complete(body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
