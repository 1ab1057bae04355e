package dev.pollfeed.events.ordering;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The ordering tests hold publishes open on purpose while other requests wait for them: on a loaded 2-core machine a
 * round of that took longer than the production deadline (5 s) and statement timeout (4.5 s), which then failed the
 * held publish instead of testing it. The deadline is not what these tests are about (DatabaseGate's tests are).
 */
public class HeldTransactions implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pollfeed.database.deadline", "60s",
                "quarkus.datasource.reactive.additional-properties.statement_timeout", "59000");
    }
}
