package dev.pollfeed.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.pollfeed.testing.QueryPlans;

/**
 * EXPLAIN of every stats query, with sequential scans priced out: a plan that still reads the events table
 * sequentially would have no other way to get its rows. The only event rows stats touch are the first and last of a
 * channel, by primary key.
 */
@QuarkusTest
class StatsQueryPlanTest {

    private static final Logger LOG = Logger.getLogger(StatsQueryPlanTest.class);

    @Inject
    AgroalDataSource database;

    @Test
    void noStatsQueryScansTheEventsTable() throws Exception {
        Map<String, String> queries = Map.of(
                "channel", "EXECUTE q('{plan-channel,plan-other}')",
                "idle channel", "EXECUTE q('{plan-channel,plan-other}')",
                "series", "EXECUTE q('{plan-channel,plan-other}', ARRAY[date_trunc('hour', now()), date_trunc('hour', now())],"
                        + " ARRAY[date_trunc('hour', now()) + interval '1 hour', date_trunc('hour', now()) + interval '1 hour'],"
                        + " '{1,5}')",
                "deployment", "EXECUTE q");
        Map<String, String> sql = Map.of("channel", StatsRepository.CHANNELS, "idle channel",
                StatsRepository.IDLE_CHANNELS, "series", StatsRepository.SERIES_OF_MANY,
                "deployment", StatsRepository.DEPLOYMENT);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            statement.execute("SET plan_cache_mode = force_generic_plan");
            try {
                checkPlans(statement, queries, sql);
            } finally {
                QueryPlans.resetSession(statement);
            }
        }
    }

    private static void checkPlans(Statement statement, Map<String, String> queries, Map<String, String> sql)
            throws Exception {
        for (String name : queries.keySet()) {
            statement.execute("DEALLOCATE ALL");
            statement.execute("PREPARE q AS " + sql.get(name));
            String plan = QueryPlans.explain(statement, queries.get(name));
            LOG.infof("Plan of the %s stats query:%n%s", name, plan);
            assertFalse(plan.contains("Seq Scan on events"), name + " scans events:\n" + plan);
            // Nor the channels or their counters: per-channel answers probe them by key (generic plans included).
            assertFalse(plan.contains("Seq Scan on channel") || plan.contains("Hash Join"), name + ":\n" + plan);
            if (plan.contains(" on events ")) {
                assertTrue(plan.contains("Index Scan using events_pkey on events"), name + ":\n" + plan);
            }
        }
    }
}
