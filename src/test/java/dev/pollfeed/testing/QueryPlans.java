package dev.pollfeed.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** EXPLAIN on a pooled JDBC connection, for the tests that check the plans of the service's statements. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The plan of {@code execute} (an {@code EXECUTE} of a statement prepared on this connection), one line per node. */
    public static String explain(Statement statement, String execute) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + execute)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** The connection goes back to the pool: leave it as other tests expect it. */
    public static void resetSession(Statement statement) throws SQLException {
        statement.execute("DEALLOCATE ALL");
        statement.execute("RESET ALL");
    }
}
