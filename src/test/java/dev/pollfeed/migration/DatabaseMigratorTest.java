package dev.pollfeed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import dev.pollfeed.config.MigrationConfig.AtStart;

class DatabaseMigratorTest {

    @Test
    void autoMigratesEverywhereButOnLambda() {
        assertTrue(DatabaseMigrator.shouldMigrateAtStart(AtStart.AUTO, Map.of()));
        assertFalse(DatabaseMigrator.shouldMigrateAtStart(AtStart.AUTO, Map.of("AWS_LAMBDA_FUNCTION_NAME", "pollfeed")));
    }

    @Test
    void explicitPoliciesWin() {
        assertTrue(DatabaseMigrator.shouldMigrateAtStart(AtStart.ALWAYS, Map.of("AWS_LAMBDA_FUNCTION_NAME", "pollfeed")));
        assertFalse(DatabaseMigrator.shouldMigrateAtStart(AtStart.NEVER, Map.of()));
    }

    /** The start skips Flyway when the database is at {@link DatabaseMigrator#NEWEST}: it must name the newest file. */
    @Test
    void newestNamesTheNewestMigration() throws Exception {
        File directory = new File(Objects.requireNonNull(getClass().getResource("/db/migration")).toURI());
        int newest = Arrays.stream(Objects.requireNonNull(directory.list()))
                .filter(name -> name.matches("V\\d+__.*\\.sql"))
                .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                .max()
                .orElseThrow();
        assertEquals(String.valueOf(newest), DatabaseMigrator.NEWEST);
    }
}
