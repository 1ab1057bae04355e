package dev.pollfeed.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}): the fuzzer sends exactly the
 * bytes it means (control characters, Latin-1 and raw UTF-8 in headers, chunked bodies, broken targets) where
 * {@link java.net.http.HttpClient} refuses or rewrites them, and a response with odd framing cannot leave a pooled
 * connection out of step for the next request. The port is the HTTP server's with {@code -Pserver}, or the Lambda
 * mock event server's in the default build (which turns each request into an API Gateway event).
 */
final class FuzzWire {

    private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(30).toMillis();
    private static final int CHUNK = 16 * 1024;

    /** What came back: a status, headers (names in lower case) and the body without transfer coding. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : String.join(", ", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;

    FuzzWire(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Reply send(FuzzRequests.FuzzRequest request) throws IOException {
        return exchange(request.raw() != null ? request.raw() : bytes(request), request.method().equals("HEAD"));
    }

    /** The request as bytes ({@link #encode(String)}), the body with a Content-Length, or chunked. */
    static byte[] bytes(FuzzRequests.FuzzRequest request) {
        StringBuilder head = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(request.target())
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append("Connection: close\r\n");
        for (String[] header : request.headers()) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        byte[] body = request.body();
        if (body != null) {
            head.append(request.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(encode(head.append("\r\n").toString()));
        if (body != null && request.chunked()) {
            for (int at = 0; at < body.length; at += CHUNK) {
                int length = Math.min(CHUNK, body.length - at);
                out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, length);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Characters up to U+00FF as one byte each (as servers read request heads), anything above as UTF-8. */
    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        text.codePoints().forEach(c -> {
            if (c <= 0xFF) {
                out.write(c);
            } else {
                out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    /** Writes the bytes and reads one response. */
    Reply exchange(byte[] bytes, boolean head) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer (431, 413, 400) and close before reading everything; the answer is still there.
            }
            return read(socket.getInputStream(), head);
        }
    }

    private static Reply read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        boolean timedOut = false;
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                data.write(buffer, 0, n);
                if (complete(data.toByteArray(), head)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            timedOut = true;
        } catch (SocketException reset) {
            // A reset after the answer is the server hanging up; without an answer, parse() says so.
        }
        byte[] received = data.toByteArray();
        if (timedOut && !complete(received, head)) {
            throw new IOException("no complete answer within " + TIMEOUT_MILLIS / 1000 + " s ("
                    + received.length + " bytes received)");
        }
        return parse(received, head);
    }

    /** Whether a whole response has arrived: by Content-Length, by the last chunk, or (otherwise) only at close. */
    private static boolean complete(byte[] data, boolean head) {
        int end = headerEnd(data);
        if (end < 0) {
            return false;
        }
        Reply reply = headers(data, end);
        if (head || reply.status() == 204 || reply.status() == 304) {
            return true;
        }
        if (isChunked(reply)) {
            return new String(data, end + 4, data.length - end - 4, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
        }
        String length = reply.header("content-length");
        return length != null && data.length >= end + 4 + Long.parseLong(length.strip());
    }

    private static Reply parse(byte[] data, boolean head) throws IOException {
        int end = headerEnd(data);
        if (end < 0) {
            throw new IOException("no HTTP response: "
                    + FuzzRequests.printable(Arrays.copyOf(data, Math.min(data.length, 200)), 200));
        }
        Reply reply = headers(data, end);
        byte[] body = head ? new byte[0] : Arrays.copyOfRange(data, end + 4, data.length);
        if (isChunked(reply)) {
            body = dechunk(body);
        } else if (reply.header("content-length") != null) {
            body = Arrays.copyOf(body, (int) Math.min(body.length, Long.parseLong(reply.header("content-length").strip())));
        }
        return new Reply(reply.status(), reply.headers(), body);
    }

    private static Reply headers(byte[] data, int end) {
        String[] lines = new String(data, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
            }
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, new byte[0]);
    }

    private static boolean isChunked(Reply reply) {
        String encoding = reply.header("transfer-encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static int headerEnd(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return body.toByteArray();
    }
}
