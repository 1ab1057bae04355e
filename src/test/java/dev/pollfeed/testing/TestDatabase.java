package dev.pollfeed.testing;

import java.net.InetSocketAddress;
import java.net.URI;

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

    public static String name() {
        URI url = configured();
        return url == null ? "postgres" : url.getPath().substring(1);
    }
}
