package dev.pollfeed.security.repository;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.pollfeed.db.DatabaseGate;
import dev.pollfeed.db.StaleConnections;

/**
 * The request path's view of API keys: one primary-key lookup per key per cache period, on the primary (a replica
 * could still show a key as unrevoked), with prepared statements that never pin an RDS Proxy session.
 */
@ApplicationScoped
public class ApiKeyLookup {

    private static final String FIND = "SELECT hash, scopes, rate_per_second, revoked_at IS NOT NULL,"
            + " last_used_at IS NULL OR last_used_at < now() - interval '1 minute' FROM api_keys WHERE id = $1";
    private static final String TAG_SECRET = "SELECT secret FROM key_id_secret";
    private static final String UNTAGGED = "SELECT id FROM api_keys WHERE NOT tagged AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = now() WHERE id = $1";

    private final Pool pool;
    private final DatabaseGate gate;

    ApiKeyLookup(Pool pool, DatabaseGate gate) {
        this.pool = pool;
        this.gate = gate;
    }

    /** A stored key as the request path needs it. {@code touchDue}: last use was recorded over a minute ago. */
    public record StoredKey(byte[] hash, String scopes, Integer ratePerSecond, boolean revoked, boolean touchDue) {
    }

    public Uni<Optional<StoredKey>> find(String id) {
        return run(FIND, Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new StoredKey(row.getBuffer(0).getBytes(), row.getString(1), row.getInteger(2),
                    row.getBoolean(3), row.getBoolean(4)));
        });
    }

    /** The secret key ids are tagged with, and the ids of keys made before ids were tagged (still valid). */
    public record TagMaterial(byte[] secret, Set<String> untaggedIds) {
    }

    public Uni<TagMaterial> tagMaterial() {
        return run(TAG_SECRET, Tuple.tuple()).chain(secret -> run(UNTAGGED, Tuple.tuple()).map(ids -> {
            Set<String> untagged = new HashSet<>();
            for (Row row : ids) {
                untagged.add(row.getString(0));
            }
            return new TagMaterial(secret.iterator().next().getBuffer(0).getBytes(), Set.copyOf(untagged));
        }));
    }

    /** Records a use. At most once a minute per key and instance, so a busy key does not turn reads into writes. */
    public Uni<Void> touch(String id) {
        return run(TOUCH, Tuple.of(id)).replaceWithVoid();
    }

    private Uni<RowSet<Row>> run(String sql, Tuple arguments) {
        return gate.call(() -> Uni.createFrom()
                .deferred(() -> pool.preparedQuery(sql).execute(arguments))
                .onFailure(StaleConnections::isStale)
                .retry()
                .withBackOff(StaleConnections.BACK_OFF, StaleConnections.BACK_OFF.multipliedBy(4))
                .atMost(StaleConnections.RETRIES));
    }
}
