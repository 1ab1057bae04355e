package dev.pollfeed.security.rest;

import java.time.OffsetDateTime;
import java.util.List;

import dev.pollfeed.kernel.EventTime;
import dev.pollfeed.security.service.ApiKeyService.KeyInfo;

/** The JSON of {@code /v1/keys}: times in the same format as event times, absent ones as null. */
final class KeyBodies {

    private KeyBodies() {
    }

    /** The answer to a creation: the key, shown this once, beside what a listing shows. */
    record CreatedKeyBody(String key, String id, String name, List<String> scopes, Integer ratePerSecond,
            String createdAt) {

        CreatedKeyBody(String key, KeyInfo info) {
            this(key, info.id(), info.name(), info.scopes(), info.ratePerSecond(), time(info.createdAt()));
        }
    }

    record KeyListBody(List<KeyBody> keys) {
    }

    record KeyBody(String id, String name, List<String> scopes, Integer ratePerSecond, String createdAt,
            String lastUsedAt, String revokedAt) {

        KeyBody(KeyInfo info) {
            this(info.id(), info.name(), info.scopes(), info.ratePerSecond(), time(info.createdAt()),
                    time(info.lastUsedAt()), time(info.revokedAt()));
        }
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : EventTime.format(time);
    }
}
