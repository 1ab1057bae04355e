package dev.pollfeed.db;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points the datasource at an embedded PostgreSQL in dev mode and tests when the user configured none, so that
 * {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} work on a machine with only a JDK (no Docker, no server).
 * <p>
 * A config source rather than a Dev Service: it must also run where no container runtime exists, and it must see the
 * standard {@code QUARKUS_DATASOURCE_*} variables first so that an external database always wins.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String ZONKY_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest
                || isSet(context, "quarkus.datasource.reactive.url")
                || isSet(context, "quarkus.datasource.jdbc.url")
                || "false".equalsIgnoreCase(value(context, "pollfeed.embedded-database.enabled"))
                || !zonkyAvailable()) {
            return List.of();
        }
        EmbeddedDatabase database = EmbeddedDatabase.startOrReuse();
        Map<String, String> properties = Map.of(
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password());
        // Below environment variables (300) and system properties (400), above application.properties (250).
        return List.of(new PropertiesConfigSource(properties, "pollfeed-embedded-postgresql", 260));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(260);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        String value = value(context, name);
        return value != null && !value.isBlank();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static boolean zonkyAvailable() {
        try {
            Class.forName(ZONKY_CLASS, false, EmbeddedDatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
