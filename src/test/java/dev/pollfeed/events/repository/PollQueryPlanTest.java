package dev.pollfeed.events.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.pollfeed.testing.QueryPlans;

/**
 * The plans the poll statements run with. Their parameters are arrays whose size the planner cannot know, and after
 * five executions PostgreSQL may switch to a generic plan: these are the generic plans, and every one must probe the
 * primary keys per channel, never hash a table, and never sort (rows come in the order they are asked for).
 */
@QuarkusTest
class PollQueryPlanTest {

    private static final Logger LOG = Logger.getLogger(PollQueryPlanTest.class);
    private static final String MANY_PLAIN = "'{plan-a,plan-b}', '{0,5}', '{10,15}'";
    private static final String MANY = MANY_PLAIN + ", '{1048576,1048576}'";

    @Inject
    AgroalDataSource database;

    @Test
    void everyPollStatementProbesThePrimaryKeys() throws Exception {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put(PollRepository.HEADS, "EXECUTE q('{plan-a,plan-b}')");
        statements.put(PollRepository.EVENTS, "EXECUTE q('plan-a', 0, 10, 2097152)");
        statements.put(PollRepository.EVENTS_OF_MANY, "EXECUTE q(" + MANY + ")");
        statements.put(PollRepository.PAGE, "EXECUTE q('plan-a', 0, 10, 2097152)");
        statements.put(PollRepository.PAGES, "EXECUTE q(" + MANY + ")");
        statements.put(PollRepository.EVENTS_PLAIN, "EXECUTE q('plan-a', 0, 10)");
        statements.put(PollRepository.EVENTS_OF_MANY_PLAIN, "EXECUTE q(" + MANY_PLAIN + ")");
        statements.put(PollRepository.PAGE_PLAIN, "EXECUTE q('plan-a', 0, 10)");
        statements.put(PollRepository.PAGES_PLAIN, "EXECUTE q(" + MANY_PLAIN + ")");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            // The test database is small, where reading a whole table is cheapest; priced out, the plan shows what
            // it does when tables are large.
            statement.execute("ANALYZE channels, events");
            statement.execute("SET enable_seqscan = off");
            statement.execute("SET plan_cache_mode = force_generic_plan");
            try {
                for (Map.Entry<String, String> entry : statements.entrySet()) {
                    statement.execute("DEALLOCATE ALL");
                    statement.execute("PREPARE q AS " + entry.getKey());
                    String plan = QueryPlans.explain(statement, entry.getValue());
                    LOG.infof("Generic plan of %s%n%s", entry.getKey(), plan);
                    assertFalse(plan.contains("Seq Scan") || plan.contains("Hash") || plan.contains("Sort"), plan);
                    assertTrue(plan.contains("events_pkey") || !plan.contains(" on events"), plan);
                    assertTrue(plan.contains("channels_pkey") || !plan.contains(" on channels"), plan);
                }
            } finally {
                QueryPlans.resetSession(statement);
            }
        }
    }

    /** Channel names compare as bytes (V4): the primary-key probes of every poll avoid the locale's strcoll. */
    @Test
    void channelNamesCompareAsBytes() throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT table_name || '.' || column_name, collation_name FROM information_schema.columns
                        WHERE (table_name, column_name) IN (('channels', 'name'), ('events', 'channel'),
                            ('idempotency_keys', 'channel'), ('channel_minutes', 'channel'))
                        ORDER BY 1""")) {
            int columns = 0;
            while (rows.next()) {
                assertEquals("C", rows.getString(2), rows.getString(1));
                columns++;
            }
            assertEquals(4, columns);
        }
    }
}
