package dev.pollfeed.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per JVM, started on first use and stopped when the JVM exits.
 * <p>
 * Its coordinates live in system properties, not in a static field: dev mode reloads application classes in a new
 * class loader, and a static field would start a second database on every reload.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String PORT_PROPERTY = "dev.pollfeed.devdb.port";
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final int port;

    private EmbeddedDatabase(int port) {
        this.port = port;
    }

    public static synchronized EmbeddedDatabase startOrReuse() {
        String running = System.getProperty(PORT_PROPERTY);
        if (running != null) {
            return new EmbeddedDatabase(Integer.parseInt(running));
        }
        long started = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Durability is pointless for a throwaway database; these make tests markedly faster.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                // The JVM is exiting; the temporary data directory is removed by the OS eventually.
            }
        }, "pollfeed-embedded-postgresql-stop"));
        System.setProperty(PORT_PROPERTY, Integer.toString(postgres.getPort()));
        LOG.warnf("No database configured: started an embedded PostgreSQL on localhost:%d in %d ms (data is discarded "
                + "at exit; set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL to use your own)",
                postgres.getPort(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new EmbeddedDatabase(postgres.getPort());
    }

    public String reactiveUrl() {
        return "postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return USER;
    }
}
