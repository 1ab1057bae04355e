package dev.pollfeed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** On the migrated test database, a start finds the schema current without Flyway, and Flyway agrees. */
@QuarkusTest
class SchemaVersionTest {

    @Inject
    DatabaseMigrator migrator;

    @Test
    void aMigratedDatabaseIsCurrent() {
        assertTrue(migrator.current());
        assertEquals(0, migrator.migrate());
    }
}
