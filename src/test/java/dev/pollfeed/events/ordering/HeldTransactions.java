package dev.pollfeed.events.ordering;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The ordering tests hold publishes open on purpose while other requests wait for them: on a loaded 2-core machine a
 * round of that took longer than the production deadline (5 s) and statement timeout (4.5 s), which then failed the
 * held publish instead of testing it. The deadline is not what these tests are about (DatabaseGate's tests are).
 */
public class HeldTransactions implements QuarkusTestProfile {

    private static final String EVENT_SERVER_PORT = "quarkus.lambda.mock-event-server.test-port";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of("pollfeed.database.deadline", "60s",
                "quarkus.datasource.reactive.additional-properties.statement_timeout", "59000"));
        // The restart for this profile started the mock Lambda event server on its default port, not the one given.
        String eventServerPort = System.getProperty(EVENT_SERVER_PORT);
        if (eventServerPort != null) {
            overrides.put(EVENT_SERVER_PORT, eventServerPort);
        }
        return overrides;
    }
}
