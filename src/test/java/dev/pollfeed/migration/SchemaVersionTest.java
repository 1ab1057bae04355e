package dev.pollfeed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** On the migrated test database, a start finds the schema current without Flyway, and Flyway agrees. */
@QuarkusTest
class SchemaVersionTest {

    @Inject
    DatabaseMigrator migrator;

    @Inject
    AgroalDataSource database;

    @Test
    void aMigratedDatabaseIsCurrent() {
        assertTrue(migrator.current());
        assertEquals(0, migrator.migrate());
    }

    /**
     * During a rolling deploy the new version migrates first; an instance of the old one that (re)starts then meets a
     * migration it does not know. Migrations are additive, so it must start, not
     * fail Flyway's validation.
     */
    @Test
    void anOlderVersionStartsOnANewerSchema() throws Exception {
        String future = "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '9999', 'future', "
                + "'SQL', 'V9999__future.sql', 0, current_user, 0, true FROM flyway_schema_history";
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(future);
            try {
                assertFalse(migrator.current());
                assertEquals(0, migrator.migrate());
            } finally {
                statement.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '9999'");
            }
        }
        assertTrue(migrator.current());
    }
}
