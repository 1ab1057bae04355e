package dev.pollfeed.db;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where polls and stats read: the read replica when one is configured (the {@code reader} datasource), the primary
 * otherwise. The protocol makes a lagging replica safe (a cursor beyond its head gets an empty page), and a read
 * that meets a connection which died while idle is retried on another: reads have no side effects.
 */
@ApplicationScoped
public class ReadPool {

    private final Pool pool;
    private final DatabaseGate gate;

    ReadPool(Pool primary, @ReactiveDataSource("reader") InjectableInstance<Pool> reader, DatabaseGate gate) {
        this.gate = gate;
        List<Pool> replicas = reader.listActive();
        this.pool = replicas.isEmpty() ? primary : replicas.get(0);
    }

    /** Runs a prepared statement through the gate (deadline, bound); retried when the connection turns out to be dead. */
    public Uni<RowSet<Row>> query(String sql, Tuple arguments) {
        return gate.call(() -> Uni.createFrom()
                .deferred(() -> pool.preparedQuery(sql).execute(arguments))
                .onFailure(StaleConnections::isStale)
                .retry()
                .withBackOff(StaleConnections.BACK_OFF, StaleConnections.BACK_OFF.multipliedBy(4))
                .atMost(StaleConnections.RETRIES));
    }
}
