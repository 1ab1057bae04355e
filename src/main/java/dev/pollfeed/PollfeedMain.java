package dev.pollfeed;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.pollfeed.migration.DatabaseMigrator;

/**
 * Entry point of {@code java -jar quarkus-run.jar}: serves HTTP, or with the argument {@code migrate} migrates the
 * database schema and exits (the migration step of Lambda deployments, run once per release).
 * <p>
 * On AWS Lambda the runtime calls the handler, not this class.
 */
@QuarkusMain
public class PollfeedMain implements QuarkusApplication {

    private final DatabaseMigrator migrator;

    @Inject
    PollfeedMain(DatabaseMigrator migrator) {
        this.migrator = migrator;
    }

    public static void main(String... args) {
        Quarkus.run(PollfeedMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && "migrate".equals(args[0])) {
            migrator.migrate();
            return 0;
        }
        if (args.length > 0) {
            System.err.println("Unknown command: " + args[0] + " (the only command is: migrate)");
            return 2;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
