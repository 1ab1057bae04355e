package dev.pollfeed.events.repository;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A claimed {@code Idempotency-Key}: the request it was first used with and the seqs that request stored. */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyKeyEntity.Key.class)
public class IdempotencyKeyEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String channel;

    @Id
    @Column(columnDefinition = "text")
    public String key;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(request as text)", write = "cast(cast(? as text) as jsonb)")
    public String request;

    @Column(name = "first_seq")
    public Long firstSeq;

    @Column(name = "last_seq")
    public Long lastSeq;

    @Column(name = "created_at", columnDefinition = "timestamptz", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** The composite primary key (channel, key). */
    public static class Key implements Serializable {

        public String channel;
        public String key;

        public Key() {
        }

        public Key(String channel, String key) {
            this.channel = channel;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(channel, that.channel) && Objects.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channel, key);
        }
    }
}
