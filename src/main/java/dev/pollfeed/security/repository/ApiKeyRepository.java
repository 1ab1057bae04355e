package dev.pollfeed.security.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Key management (create, list, revoke): rare admin writes, through Hibernate Reactive. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, String> {

    public Uni<List<ApiKeyEntity>> listNewestFirst() {
        return listAll(Sort.descending("createdAt").and("id"));
    }
}
