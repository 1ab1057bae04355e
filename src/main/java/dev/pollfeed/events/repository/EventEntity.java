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

/**
 * A stored event. Never leaves the repository layer: the API speaks {@link dev.pollfeed.events.domain.StoredEvent}.
 * {@code data} travels as JSON text both ways so that PostgreSQL, not a Java number type, decides its precision.
 */
@Entity
@Table(name = "events")
@IdClass(EventEntity.Key.class)
public class EventEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String channel;

    @Id
    public long seq;

    @Column(columnDefinition = "text")
    public String type;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(data as text)", write = "cast(cast(? as text) as jsonb)")
    public String data;

    @Column(columnDefinition = "timestamptz")
    public OffsetDateTime time;

    /** The composite primary key (channel, seq). */
    public static class Key implements Serializable {

        public String channel;
        public long seq;

        public Key() {
        }

        public Key(String channel, long seq) {
            this.channel = channel;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && seq == key.seq && Objects.equals(channel, key.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channel, seq);
        }
    }
}
