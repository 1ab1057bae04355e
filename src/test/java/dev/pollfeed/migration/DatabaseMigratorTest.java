package dev.pollfeed.migration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pollfeed.config.PollfeedConfig.Migration.AtStart;

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
}
