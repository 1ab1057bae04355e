package dev.pollfeed.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.config.PollfeedConfig.Migration.AtStart;

/**
 * Applies the versioned migrations in {@code db/migration}.
 * <p>
 * At start in dev, test and server mode; never on a Lambda cold start, where every new execution environment would
 * otherwise open a JDBC connection and take Flyway's lock. Lambda deployments run {@code migrate} once instead (see
 * {@link dev.pollfeed.PollfeedMain}).
 */
@ApplicationScoped
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class);

    private final Instance<Flyway> flyway;
    private final PollfeedConfig config;

    DatabaseMigrator(Instance<Flyway> flyway, PollfeedConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (shouldMigrateAtStart(config.migration().atStart(), System.getenv())) {
            migrate();
        }
    }

    /** Migrates the schema to the newest version; returns how many migrations ran. */
    public int migrate() {
        MigrateResult result = flyway.get().migrate();
        LOG.infof("Database schema at version %s (%d migration(s) applied)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result.migrationsExecuted;
    }

    static boolean shouldMigrateAtStart(AtStart policy, java.util.Map<String, String> environment) {
        return switch (policy) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !environment.containsKey("AWS_LAMBDA_FUNCTION_NAME");
        };
    }
}
