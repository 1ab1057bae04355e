package dev.pollfeed.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.response.Response;

/** Every error is an RFC 9457 problem document, never a stack trace. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(Response response, int status) {
        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("urn:pollfeed:problem:"))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body("detail", org.hamcrest.Matchers.notNullValue());
        assertEquals("no-store", Api.header(response, "Cache-Control"));
        assertFalse(response.asString().contains("\tat "), "no stack trace in " + response.asString());
    }
}
