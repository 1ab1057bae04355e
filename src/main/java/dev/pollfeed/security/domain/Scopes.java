package dev.pollfeed.security.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pollfeed.kernel.ChannelPattern;
import dev.pollfeed.kernel.ChannelPatterns;

/**
 * API-key scopes as written in requests and stored: {@code publish:<pattern>}, {@code read:<pattern>} and
 * {@code admin}. Kept in their written form (deduplicated, in order) so that a key lists back exactly as created.
 */
public record Scopes(List<String> values, Grants grants) {

    private static final String PUBLISH = "publish:";
    private static final String READ = "read:";
    private static final String ADMIN = "admin";
    private static final int MAX_SCOPES = 100;

    /** @throws IllegalArgumentException with a message fit for a client */
    public static Scopes parse(Collection<String> written) {
        if (written == null || written.isEmpty()) {
            throw new IllegalArgumentException("Give at least one scope: publish:<pattern>, read:<pattern> or admin.");
        }
        if (written.size() > MAX_SCOPES) {
            throw new IllegalArgumentException("At most " + MAX_SCOPES + " scopes per key.");
        }
        Set<String> values = new LinkedHashSet<>();
        List<ChannelPattern> read = new ArrayList<>();
        List<ChannelPattern> publish = new ArrayList<>();
        boolean admin = false;
        for (String scope : written) {
            if (scope == null) {
                throw new IllegalArgumentException("A scope is null.");
            }
            if (scope.equals(ADMIN)) {
                admin = true;
            } else if (scope.startsWith(PUBLISH)) {
                publish.add(ChannelPattern.parse(scope.substring(PUBLISH.length())));
            } else if (scope.startsWith(READ)) {
                read.add(ChannelPattern.parse(scope.substring(READ.length())));
            } else {
                throw new IllegalArgumentException("Unknown scope '" + scope
                        + "': write publish:<pattern>, read:<pattern> or admin.");
            }
            values.add(scope);
        }
        return new Scopes(List.copyOf(values),
                new Grants(new ChannelPatterns(read), new ChannelPatterns(publish), admin));
    }

    /** The stored form: space-separated, as OAuth writes scopes. */
    public static Scopes fromStored(String stored) {
        return parse(List.of(stored.split(" ")));
    }

    public String stored() {
        return String.join(" ", values);
    }
}
