package dev.pollfeed.events.repository;

import static dev.pollfeed.testing.Api.channel;
import static dev.pollfeed.testing.Api.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The events statements without the byte budget's running sum run only where the sum cannot cut anything, and there
 * they read the same rows as the budgeted ones (docs/decisions/0011-byte-budget-only-where-it-can-cut.md).
 */
@QuarkusTest
class BudgetedStatementsTest {

    private static final long MIB_2 = 2 * 1024 * 1024;
    private static final long LARGEST = PollRepository.largestEventText(65536);

    @Inject
    AgroalDataSource database;

    @Test
    void theRunningSumIsSkippedOnlyWhereItCannotCut() {
        assertEquals(131072, LARGEST);
        // A single-channel page of up to 16 events of the largest size starts its last one below 2 MiB.
        assertEquals(16, PollRepository.plainRows(MIB_2, LARGEST));
        assertTrue(15 * LARGEST < MIB_2 && 16 * LARGEST >= MIB_2);
        // A 10-channel poll's share (209,715 bytes) holds two such events: a limit of 100 keeps the running sum.
        assertEquals(2, PollRepository.plainRows(MIB_2 / 10, LARGEST));
        assertEquals(1, PollRepository.plainRows(1000, LARGEST));
        assertEquals(1, PollRepository.plainRows(0, LARGEST));
    }

    @Test
    void plainAndBudgetedStatementsReadTheSamePageBelowTheBudget() throws Exception {
        String name = channel("budgeted-statements");
        StringBuilder batch = new StringBuilder("[");
        for (int i = 1; i <= 12; i++) {
            batch.append(i > 1 ? "," : "")
                    .append("{\"type\":\"t\",\"data\":{\"n\":")
                    .append(i)
                    .append(",\"text\":\"")
                    .append("é€x".repeat(i * 50))
                    .append("\"}}");
        }
        publish(name, batch.append("]").toString()).then().statusCode(201);
        try (Connection connection = database.getConnection()) {
            for (long budget : new long[]{MIB_2, MIB_2 / 10}) {
                long rows = PollRepository.plainRows(budget, LARGEST);
                List<String> plain = single(connection, PollRepository.EVENTS_PLAIN, name, 0, rows, null);
                List<String> budgeted = single(connection, PollRepository.EVENTS, name, 0, rows, budget);
                assertEquals(Math.min(rows, 12), plain.size());
                assertEquals(plain, budgeted);
                assertEquals(single(connection, PollRepository.PAGE_PLAIN, name, 3, 3 + rows, null),
                        single(connection, PollRepository.PAGE, name, 3, 3 + rows, budget));
                assertEquals(many(connection, PollRepository.EVENTS_OF_MANY_PLAIN, name, rows, null),
                        many(connection, PollRepository.EVENTS_OF_MANY, name, rows, budget));
                assertEquals(many(connection, PollRepository.PAGES_PLAIN, name, rows, null),
                        many(connection, PollRepository.PAGES, name, rows, budget));
            }
            // Where a budget can be reached, the statements differ: the one with the running sum must run.
            List<String> cut = single(connection, PollRepository.EVENTS, name, 0, 12, 2000L);
            assertNotEquals(single(connection, PollRepository.EVENTS_PLAIN, name, 0, 12, null), cut);
            assertFalse(cut.isEmpty());
        }
    }

    /** Rows of a one-channel statement ({@code $4} only when budgeted), each as its text. */
    private static List<String> single(Connection connection, String sql, String channel, long after, long upTo,
            Long budget) throws Exception {
        return execute(connection, sql, "'" + channel + "', " + after + ", " + upTo + (budget != null ? ", " + budget : ""));
    }

    /** Rows of an array statement over two pages of the channel, the second starting at seq 5. */
    private static List<String> many(Connection connection, String sql, String channel, long rows, Long budget)
            throws Exception {
        return execute(connection, sql, "'{" + channel + "," + channel + "}', '{0,5}', '{" + rows + "," + (5 + rows) + "}'"
                + (budget != null ? ", '{" + budget + "," + budget + "}'" : ""));
    }

    /** The statement as the service sends it: prepared with {@code $n} parameters. */
    private static List<String> execute(Connection connection, String sql, String arguments) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DEALLOCATE ALL");
            statement.execute("PREPARE q AS " + sql);
            try (ResultSet result = statement.executeQuery("EXECUTE q(" + arguments + ")")) {
                return rows(result);
            }
        }
    }

    private static List<String> rows(ResultSet result) throws Exception {
        List<String> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= columns; c++) {
                row.append(result.getString(c)).append('|');
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
