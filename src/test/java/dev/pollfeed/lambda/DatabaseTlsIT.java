package dev.pollfeed.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * TLS to PostgreSQL as a deployment configures it ({@code sslmode=verify-full}, the CA in
 * {@code QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS}), against a PostgreSQL with {@code ssl=on} whose
 * certificate comes from a CA this test generates. With that CA, the migration step and the API function of
 * function.zip work over TLS; without it (only the RDS CAs shipped in function.zip), the migration step fails and
 * readiness answers 503; with the right CA but a host name the certificate does not name, readiness answers 503 too.
 */
class DatabaseTlsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TARGET = Path.of("target");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedPostgres postgres;
    private static Path work;
    private static Path taskRoot;
    private static TestCertificates certificates;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        Path zip = TARGET.resolve("function.zip");
        assumeTrue(Files.exists(zip), "no function.zip: this is the -Pserver build");
        work = Files.createTempDirectory(Files.createDirectories(TARGET.resolve("lambda-tls")), "run").toAbsolutePath();
        certificates = TestCertificates.create(work.resolve("pki"), "localhost");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificates.serverCertificate().toString())
                .setServerConfig("ssl_key_file", certificates.serverKey().toString())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(work.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(work.resolve("postgres.log").toFile()))
                .start();
        taskRoot = FunctionProcess.unpack(zip, work.resolve("task"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void functionZipShipsTheRdsCaBundle() throws Exception {
        String bundle = Files.readString(taskRoot.resolve(LambdaDefaultsConfigSourceFactory.CA_BUNDLE));
        assertTrue(bundle.contains("-----BEGIN CERTIFICATE-----"), "rds-ca-bundle.pem holds no certificate");
    }

    @Test
    void withoutTheCaTheMigrationFailsAndReadinessIs503() throws Exception {
        Map<String, String> noCa = environment("localhost", null);

        IllegalStateException migration = assertThrows(IllegalStateException.class,
                () -> migrate(noCa, "migrate-without-ca.log"));
        assertTrue(migration.getMessage().contains("init failed"), migration.getMessage());

        assertEquals(List.of(503, 503), readinessAndPoll(noCa, "api-without-ca.log"));
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
        // The certificate names localhost only: verify-full must refuse 127.0.0.1 even though the CA is right.
        assertEquals(List.of(503, 503),
                readinessAndPoll(environment("127.0.0.1", certificates.caCertificate()), "api-wrong-host.log"));
    }

    @Test
    void withTheCaTheMigrationRunsAndTheFunctionServesOverTls() throws Exception {
        Map<String, String> withCa = environment("localhost", certificates.caCertificate());
        assertEquals(200, migrate(withCa, "migrate-with-ca.log"));
        assertEquals(1L, queryLong("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'"));

        try (RuntimeApiEmulator api = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(taskRoot, TARGET.resolve("lambda-runtime-client"),
                        api.address(), withCa, work.resolve("api-with-ca.log"))) {
            api.awaitReady(TIMEOUT);
            JsonNode published = JSON.readTree(api.invoke(ApiGatewayEvents.post("/v1/channels/tls-e2e/events",
                    "{\"data\":1}").json(), TIMEOUT));
            assertEquals(201, published.get("statusCode").asInt(), published.toString());
            JsonNode poll = JSON.readTree(api.invoke(ApiGatewayEvents.get("/v1/channels/tls-e2e/events")
                    .query("since=0")
                    .json(), TIMEOUT));
            assertEquals(200, poll.get("statusCode").asInt(), poll.toString());
            String connections = "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
                    + " WHERE application_name = 'pollfeed'";
            assertTrue(queryLong(connections + " AND ssl") > 0, "the function holds no TLS connection");
            assertEquals(0L, queryLong(connections + " AND NOT ssl"), "the function holds a connection without TLS");
        }
    }

    /** The variables SAM and Terraform set for verify-full; {@code ca} null: no CA named (the shipped bundle). */
    private static Map<String, String> environment(String host, Path ca) {
        String database = host + ":" + postgres.getPort() + "/postgres?sslmode=verify-full";
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("POLLFEED_SECURITY_ADMIN_KEY", LambdaArtifactIT.ADMIN_KEY);
        env.put("POLLFEED_SECURITY_PUBLIC_READ", "tls-*");
        if (ca != null) {
            env.put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", ca.toString());
        }
        return env;
    }

    /** The migration step: a function that migrates while it initializes, invoked once; answers its readiness. */
    private static int migrate(Map<String, String> environment, String log) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.put("POLLFEED_MIGRATION_AT_START", "always");
        return invokeFresh(env, log, ApiGatewayEvents.get("/q/health/ready")).get(0);
    }

    /** Readiness (the JDBC and the reactive pool) and a poll (the reactive pool only) of a fresh API function. */
    private static List<Integer> readinessAndPoll(Map<String, String> environment, String log) throws Exception {
        return invokeFresh(environment, log, ApiGatewayEvents.get("/q/health/ready"),
                ApiGatewayEvents.get("/v1/channels/tls-e2e/events").query("since=0"));
    }

    private static List<Integer> invokeFresh(Map<String, String> environment, String log, ApiGatewayEvents... events)
            throws Exception {
        try (RuntimeApiEmulator api = new RuntimeApiEmulator();
                FunctionProcess function = FunctionProcess.start(taskRoot, TARGET.resolve("lambda-runtime-client"),
                        api.address(), environment, work.resolve(log))) {
            api.awaitReady(TIMEOUT);
            List<Integer> statuses = new ArrayList<>();
            for (ApiGatewayEvents event : events) {
                statuses.add(JSON.readTree(api.invoke(event.json(), TIMEOUT)).get("statusCode").asInt());
            }
            return statuses;
        }
    }

    private static long queryLong(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?sslmode=disable", "postgres",
                "postgres");
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
