package dev.pollfeed.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndOpenApiTest {

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void openApiDescribesTheV1Contract() {
        given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/v1/channels/{channel}/events:"))
                .body(containsString("/v1/events:"))
                .body(containsString("Poll-Interval"))
                .body(containsString("Idempotency-Key"))
                .body(containsString("410"))
                .body(containsString("Idempotent-Replayed"))
                .body(containsString("application/problem+json"));
    }
}
