package dev.pollfeed.db;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.header;
import static dev.pollfeed.testing.Api.poll;
import static dev.pollfeed.testing.Api.publish;
import static dev.pollfeed.testing.Api.publishWithKey;
import static dev.pollfeed.testing.Api.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.pollfeed.testing.BreakableProxy;
import dev.pollfeed.testing.TestDatabase;

/**
 * Reads, off the wire, every statement the request path sends (both reactive pools go through a recording proxy) and
 * checks that none changes session state, which would pin an RDS Proxy client connection to one database connection:
 * no SET, PREPARE/EXECUTE/DEALLOCATE, DISCARD, LISTEN, cursors, temporary tables, advisory locks or set_config.
 * (Protocol-level prepared statements, which the Vert.x client uses, are multiplexed by RDS Proxy since 2023.)
 */
@QuarkusTest
@TestProfile(NoSessionPinningTest.ThroughRecordingProxy.class)
class NoSessionPinningTest {

    private static final Logger LOG = Logger.getLogger(NoSessionPinningTest.class);
    static final BreakableProxy PROXY = startProxy();
    private static final Pattern SESSION_STATE = Pattern.compile(
            "^\\s*(SET|RESET|PREPARE|EXECUTE|DEALLOCATE|DISCARD|LISTEN|UNLISTEN|NOTIFY|DECLARE|LOCK|LOAD)\\b"
                    + "|\\bCREATE\\s+(TEMP|TEMPORARY)\\b|pg_advisory|set_config\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    public static class ThroughRecordingProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            TestDatabase.ensureStarted();
            String proxied = "postgresql://localhost:" + PROXY.port() + "/" + TestDatabase.name();
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.reactive.url", proxied);
            config.put("quarkus.datasource.reader.reactive.url", proxied);
            config.put("quarkus.datasource.jdbc.url", TestDatabase.jdbcUrl());
            if (TestDatabase.embedded()) {
                config.put("quarkus.datasource.username", "postgres");
                config.put("quarkus.datasource.password", "postgres");
            }
            return config;
        }
    }

    @Test
    void theRequestPathSendsNoSessionState() {
        String channel = channel("pinning");
        publish(channel, "[{\"data\":1},{\"data\":2}]").then().statusCode(201);
        publishWithKey(channel, "k", "{\"data\":3}").then().statusCode(201);
        publishWithKey(channel, "k", "{\"data\":3}").then().statusCode(200);
        publishWithKey(channel, "k", "{\"data\":4}").then().statusCode(422);
        String etag = header(poll(channel, "since=0"), "ETag");
        request().header("If-None-Match", etag).get("/v1/channels/" + channel + "/events?since=0").then().statusCode(304);
        request().get("/v1/events?channels=" + channel + ":1," + channel("other") + ":now").then().statusCode(200);

        Set<String> statements = new TreeSet<>();
        for (byte[] stream : PROXY.clientStreams()) {
            statements.addAll(FrontendMessages.statements(stream));
        }
        LOG.infof("Statements on the request path (%d distinct):%n  %s", statements.size(),
                String.join("\n  ", statements));
        assertTrue(statements.stream().anyMatch(sql -> sql.contains("FROM channels")), "the proxy saw no traffic");
        List<String> pinning = statements.stream().filter(sql -> SESSION_STATE.matcher(sql).find()).toList();
        assertTrue(pinning.isEmpty(), "statements that change session state: " + pinning);
    }

    private static BreakableProxy startProxy() {
        try {
            BreakableProxy proxy = new BreakableProxy(TestDatabase::address);
            proxy.record();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL text of the simple-query ('Q') and Parse ('P') messages in a client's PostgreSQL byte stream. */
    static final class FrontendMessages {

        private FrontendMessages() {
        }

        static List<String> statements(byte[] stream) {
            ByteBuffer buffer = ByteBuffer.wrap(stream);
            List<String> sql = new java.util.ArrayList<>();
            if (buffer.remaining() < 8) {
                return sql;
            }
            // The startup packet has no type byte: length, protocol version, parameters.
            buffer.position(buffer.getInt(0));
            while (buffer.remaining() >= 5) {
                byte type = buffer.get();
                int length = buffer.getInt();
                if (length < 4 || buffer.remaining() < length - 4) {
                    break;
                }
                byte[] payload = new byte[length - 4];
                buffer.get(payload);
                if (type == 'Q') {
                    sql.add(cString(payload, 0).strip().replaceAll("\\s+", " "));
                } else if (type == 'P') {
                    int nameLength = cString(payload, 0).getBytes(StandardCharsets.UTF_8).length;
                    sql.add(cString(payload, nameLength + 1).strip().replaceAll("\\s+", " "));
                }
            }
            sql.removeIf(String::isEmpty);
            return sql;
        }

        private static String cString(byte[] bytes, int from) {
            int end = from;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, from, end - from, StandardCharsets.UTF_8);
        }
    }
}
