package dev.pollfeed.migration;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import dev.pollfeed.config.MigrationConfig.AtStart;
import dev.pollfeed.config.PollfeedConfig;

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

    /** The newest migration in {@code db/migration} (DatabaseMigratorTest keeps the two in step). */
    static final String NEWEST = "7";

    /** The newest version applied, and whether any migration failed (Flyway's own table). */
    private static final String APPLIED = """
            SELECT (SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
                    ORDER BY installed_rank DESC LIMIT 1),
                   EXISTS (SELECT 1 FROM flyway_schema_history WHERE NOT success)""";

    private final Instance<Flyway> flyway;
    private final PollfeedConfig config;
    private final Pool pool;

    DatabaseMigrator(Instance<Flyway> flyway, PollfeedConfig config, Pool pool) {
        this.flyway = flyway;
        this.config = config;
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        if (!shouldMigrateAtStart(config.migration().atStart(), System.getenv())) {
            return;
        }
        if (current()) {
            LOG.infof("Database schema at version %s", NEWEST);
        } else {
            migrate();
        }
    }

    /**
     * Whether the schema is already at {@link #NEWEST}, asked over the reactive pool the service uses anyway: starting
     * Flyway on every server start costs time when there is nothing to migrate
     * (docs/decisions/0007-server-start-skips-flyway.md). Anything else (no history table yet, an older version, a failed migration, an error)
     * leaves it to Flyway, which also validates what was applied.
     */
    boolean current() {
        try {
            Row row = pool.query(APPLIED).execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
            return NEWEST.equals(row.getString(0)) && !row.getBoolean(1);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Schema version not readable; Flyway decides");
            return false;
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
