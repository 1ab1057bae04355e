package dev.pollfeed.security.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.security.domain.ApiKeyFormat.NewKey;
import dev.pollfeed.security.domain.Scopes;
import dev.pollfeed.security.repository.ApiKeyEntity;
import dev.pollfeed.security.repository.ApiKeyRepository;

/** Creates, lists and revokes API keys. The key itself leaves this class once, in {@link CreatedKey}. */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository repository;
    private final ApiKeyVerifier verifier;
    private final KeyIdTags tags;

    ApiKeyService(ApiKeyRepository repository, ApiKeyVerifier verifier, KeyIdTags tags) {
        this.tags = tags;
        this.repository = repository;
        this.verifier = verifier;
    }

    /** A key as listed: never its secret, nor its hash. */
    public record KeyInfo(String id, String name, List<String> scopes, Integer ratePerSecond, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

        static KeyInfo of(ApiKeyEntity entity) {
            return new KeyInfo(entity.id, entity.name, Scopes.fromStored(entity.scopes).values(), entity.ratePerSecond,
                    entity.createdAt, entity.lastUsedAt, entity.revokedAt);
        }
    }

    public record CreatedKey(String key, KeyInfo info) {
    }

    @WithTransaction
    public Uni<CreatedKey> create(String name, Scopes scopes, Optional<Integer> ratePerSecond) {
        return tags.secret().chain(secret -> {
            NewKey generated = ApiKeyFormat.generateTagged(secret);
            ApiKeyEntity entity = new ApiKeyEntity();
            entity.id = generated.id();
            entity.tagged = true;
            entity.name = name;
            entity.hash = ApiKeyFormat.sha256(generated.key());
            entity.scopes = scopes.stored();
            entity.ratePerSecond = ratePerSecond.orElse(null);
            // Microseconds, as PostgreSQL stores them, so that the creation answer and later listings agree.
            entity.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return repository.persist(entity).map(stored -> new CreatedKey(generated.key(), KeyInfo.of(stored)));
        });
    }

    @WithSession
    public Uni<List<KeyInfo>> list() {
        return repository.listNewestFirst().map(keys -> keys.stream().map(KeyInfo::of).toList());
    }

    /**
     * Revokes a key; revoking it again changes nothing. Empty when there is no such key. This instance forgets the key
     * after the commit: forgetting it before would let a request in between cache it as valid again.
     */
    public Uni<Optional<KeyInfo>> revoke(String id) {
        return Panache.withTransaction(() -> repository.findById(id).map(entity -> {
            if (entity == null) {
                return Optional.<KeyInfo>empty();
            }
            if (entity.revokedAt == null) {
                entity.revokedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            }
            return Optional.of(KeyInfo.of(entity));
        })).invoke(revoked -> verifier.forget(id));
    }
}
