package dev.pollfeed.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The function's handler behind every front door ({@code dev.pollfeed.lambda.FrontDoorHandler::handleRequest}): HTTP
 * API and function URL events (payload 2.0) go to Quarkus as they are; Application Load Balancer events are translated
 * ({@link AlbEvents}) on the way in and out. Only an event whose bytes mention {@code "elb"} is parsed here, so the
 * HTTP API and function URL paths pay one byte scan. A plain class with the stream-handler signature, which the
 * runtime client accepts: implementing RequestStreamHandler would make Quarkus's build take it for the application's
 * own handler and refuse the HTTP one. Left out of the -Pserver build (pom.xml), which has no Lambda runtime.
 */
public class FrontDoorHandler {

    private final QuarkusStreamHandler quarkus = new QuarkusStreamHandler();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ELB = "\"elb\"".getBytes(StandardCharsets.US_ASCII);

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        JsonNode alb = contains(event, ELB) ? JSON.readTree(event) : null;
        if (alb == null || !AlbEvents.isAlb(alb)) {
            quarkus.handleRequest(new ByteArrayInputStream(event), output, context);
            return;
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        quarkus.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(AlbEvents.toHttpApi(alb))), answer,
                context);
        JSON.writeValue(output, AlbEvents.toAlb(JSON.readTree(answer.toByteArray()), AlbEvents.multiValue(alb)));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
