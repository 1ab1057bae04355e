package dev.pollfeed.testing;

import java.net.InetSocketAddress;
import java.net.URI;

import dev.pollfeed.db.EmbeddedDatabase;

/** Where the tests' PostgreSQL is: the standard variable when set, otherwise the embedded default. */
public final class TestDatabase {

    private TestDatabase() {
    }

    private static URI configured() {
        String url = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
        return url == null || url.isBlank() ? null : URI.create(url.replaceFirst("^[a-z]+://", "postgresql://"));
    }

    /** Resolved when called: the embedded database starts with the first Quarkus application of the run. */
    public static InetSocketAddress address() {
        URI url = configured();
        if (url != null) {
            return new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 5432 : url.getPort());
        }
        return new InetSocketAddress("localhost", Integer.parseInt(System.getProperty("dev.pollfeed.devdb.port")));
    }

    /** Starts the embedded default when no database is configured (the first Quarkus application would anyway). */
    public static void ensureStarted() {
        if (configured() == null) {
            EmbeddedDatabase.startOrReuse();
        }
    }

    /** The JDBC URL of the tests' database. */
    public static String jdbcUrl() {
        InetSocketAddress address = address();
        return "jdbc:postgresql://" + address.getHostString() + ":" + address.getPort() + "/" + name();
    }

    /** True when the embedded default is in use (its credentials are postgres/postgres). */
    public static boolean embedded() {
        return configured() == null;
    }

    public static String name() {
        URI url = configured();
        return url == null ? "postgres" : url.getPath().substring(1);
    }
}
