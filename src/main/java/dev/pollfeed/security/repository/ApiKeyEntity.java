package dev.pollfeed.security.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored API key: everything but the key itself, which only ever exists in the creation response. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String id;

    @Column(columnDefinition = "text", nullable = false)
    public String name;

    @Column(columnDefinition = "bytea", nullable = false)
    public byte[] hash;

    /** Space-separated scopes ({@code publish:orders.* read:orders.*}). */
    @Column(columnDefinition = "text", nullable = false)
    public String scopes;

    @Column(name = "rate_per_second")
    public Integer ratePerSecond;

    @Column(name = "created_at", columnDefinition = "timestamptz", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_used_at", columnDefinition = "timestamptz", insertable = false, updatable = false)
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at", columnDefinition = "timestamptz")
    public OffsetDateTime revokedAt;

    /** The id carries a tag under the key-id secret (V6); keys made before it do not. */
    @Column(nullable = false)
    public boolean tagged;
}
