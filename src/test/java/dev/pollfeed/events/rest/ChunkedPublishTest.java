package dev.pollfeed.events.rest;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.poll;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.Transport;

/**
 * Publish bodies sent without a Content-Length (chunked), over a raw socket: the route gathers them itself, up to the
 * request limit (1 MB) and no further. Server build only: Lambda events always carry the whole body.
 */
@QuarkusTest
class ChunkedPublishTest {

    @Test
    void aChunkedBodyWithinTheLimitIsPublished() throws IOException {
        assumeFalse(Transport.lambda());
        String channel = channel("chunked");
        String body = "[" + "{\"data\":\"x\"},".repeat(99) + "{\"data\":\"last\"}]";
        String reply = send(channel, body.getBytes(StandardCharsets.UTF_8), 7);
        assertTrue(reply.startsWith("HTTP/1.1 201"), reply);
        poll(channel, "since=0").then().body("next", equalTo(100));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndStoresNothing() throws IOException {
        assumeFalse(Transport.lambda());
        String channel = channel("chunkedbig");
        byte[] body = ("{\"data\":\"" + "x".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String reply = send(channel, body, 64 * 1024);
        assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
        assertTrue(reply.contains("application/problem+json"), reply);
        poll(channel, "since=0").then().body("next", equalTo(0));
    }

    /** POSTs the body in chunks of {@code chunk} bytes and returns what came back (status line, headers, body). */
    private static String send(String channel, byte[] body, int chunk) throws IOException {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/channels/" + channel + "/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Api.ADMIN_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                for (int from = 0; from < body.length; from += chunk) {
                    int length = Math.min(chunk, body.length - from);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, from, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException answeredEarly) {
                // The server may answer 413 and close before the whole body is sent; its answer is still there.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    reply.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // Closed after the answer: what was read is the answer.
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }
}
