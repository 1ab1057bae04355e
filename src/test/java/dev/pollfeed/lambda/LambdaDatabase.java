package dev.pollfeed.lambda;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database the function under test talks to: the one the standard {@code QUARKUS_DATASOURCE_*} variables name
 * (CI's PostgreSQL), or an embedded PostgreSQL started for the test class.
 */
final class LambdaDatabase implements AutoCloseable {

    final String reactiveUrl;
    final String jdbcUrl;
    final String user;
    final String password;
    private final EmbeddedPostgres embedded;

    private LambdaDatabase(String reactiveUrl, String jdbcUrl, String user, String password, EmbeddedPostgres embedded) {
        this.reactiveUrl = reactiveUrl;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static LambdaDatabase start() throws IOException {
        String configured = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
        if (configured != null && !configured.isBlank()) {
            return new LambdaDatabase(configured, System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                    System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"), null);
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        return new LambdaDatabase("postgresql://localhost:" + embedded.getPort() + "/postgres",
                "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres", "postgres", embedded);
    }

    /** The function's environment for this database (the JDBC URL too: the migration step needs it). */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        return env;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** Closes what a test class started, in order, skipping what never started. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
