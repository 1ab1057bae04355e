package dev.pollfeed.stats;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.pollfeed.retention.Pruner;
import dev.pollfeed.retention.RetentionPolicy;
import dev.pollfeed.testing.Api;

/**
 * The deployment's totals (V5, deployment_totals) move with every write exactly as the channels table would count them:
 * single publishes, shared publish statements, keyed publishes and their replays, and retention.
 */
@QuarkusTest
class DeploymentTotalsTest {

    @Inject
    AgroalDataSource database;

    @Inject
    Pruner pruner;

    @Test
    void totalsFollowPublishesAndPruning() throws Throwable {
        long[] before = totals();
        String single = Api.channel("totals-single");
        Api.publishNumbered(single, 3);
        Api.publishNumbered(single, 2);
        String shared = Api.channel("totals-shared");
        List<CompletableFuture<Void>> concurrent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            concurrent.add(CompletableFuture.runAsync(
                    () -> Api.publish(shared, "[{\"data\":1},{\"data\":2}]").then().statusCode(201)));
        }
        CompletableFuture.allOf(concurrent.toArray(CompletableFuture[]::new)).join();
        String keyed = Api.channel("totals-keyed");
        Api.publishWithKey(keyed, "k1", "{\"data\":1}").then().statusCode(201);
        Api.publishWithKey(keyed, "k1", "{\"data\":1}").then().statusCode(200);
        assertArrayEquals(new long[]{before[0] + 3, before[1] + 5 + 32 + 1}, totals());

        long pruned = VertxContextSupport.subscribeAndAwait(
                () -> pruner.pruneChannelBatch(single, new RetentionPolicy(Duration.ofDays(7), 2), 100));
        assertArrayEquals(new long[]{before[0] + 3, before[1] + 5 + 32 + 1 - pruned}, totals());
        assertArrayEquals(new long[]{3, 3}, new long[]{3, pruned});

        long[] now = totals();
        Api.request()
                .get("/v1/stats")
                .then()
                .statusCode(200)
                .body("channels", equalTo((int) now[0]))
                .body("eventsStored", equalTo((int) now[1]));
    }

    private long[] totals() throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement sum = connection.prepareStatement(
                        "SELECT sum(channels), sum(events) FROM deployment_totals");
                ResultSet rows = sum.executeQuery()) {
            rows.next();
            return new long[]{rows.getLong(1), rows.getLong(2)};
        }
    }
}
