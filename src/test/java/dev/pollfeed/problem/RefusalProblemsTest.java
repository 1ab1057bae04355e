package dev.pollfeed.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.pollfeed.kernel.Refusal;

class RefusalProblemsTest {

    @Test
    void invalidValuesAreBadRequests() {
        Problem problem = ProblemDocuments.of(Refusal.invalid("invalid-limit", "Invalid limit", "Too many."));
        assertEquals(400, problem.status());
        assertEquals("urn:pollfeed:problem:invalid-limit", problem.type());
        assertEquals("Invalid limit", problem.title());
        assertEquals("Too many.", problem.detail());
    }

    @Test
    void expiredValuesAreGoneWithTheirDetails() {
        Problem problem = ProblemDocuments
                .of(Refusal.expired("cursor-expired", "Cursor expired", "Pruned.").with("oldest", 50L).with("channel", "c"));
        assertEquals(410, problem.status());
        assertEquals(50L, problem.extensions().get("oldest"));
        assertEquals("c", problem.extensions().get("channel"));
    }
}
