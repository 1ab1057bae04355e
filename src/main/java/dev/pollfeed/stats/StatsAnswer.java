package dev.pollfeed.stats;

import dev.pollfeed.http.EntityTags;

/** A stats body with its strong ETag, computed once per body: kept answers are served without hashing again. */
record StatsAnswer(byte[] body, String etag) {

    static StatsAnswer of(byte[] body) {
        return new StatsAnswer(body, EntityTags.ofBody(body));
    }
}
