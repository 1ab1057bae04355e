package dev.pollfeed.security.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.LaunchMode;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.security.domain.ApiKeyFormat;

/**
 * The bootstrap admin key from {@code pollfeed.security.admin-key}: it exists before the database holds any key, so
 * it is how the first keys get created. Dev mode makes one up when none is configured; production never does.
 */
@ApplicationScoped
class AdminKey {

    static final int MIN_LENGTH = 32;

    private final Optional<String> key;
    private final boolean generated;
    private final byte[] hash;

    AdminKey(PollfeedConfig config) {
        Optional<String> configured = config.security().adminKey().map(String::strip).filter(k -> !k.isEmpty());
        configured.ifPresent(k -> {
            if (k.length() < MIN_LENGTH || !k.matches("[A-Za-z0-9\\-._~+/]+=*")) {
                throw new IllegalStateException("pollfeed.security.admin-key must be at least " + MIN_LENGTH
                        + " characters of A-Z a-z 0-9 - . _ ~ + / (a bearer token); use openssl rand -base64 36.");
            }
        });
        this.generated = configured.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT;
        this.key = generated ? Optional.of(ApiKeyFormat.generate().key()) : configured;
        this.hash = key.map(ApiKeyFormat::sha256).orElse(null);
    }

    /** Whether {@code token} is the admin key, compared in constant time. */
    public boolean matches(String token) {
        return hash != null && ApiKeyFormat.sameHash(hash, ApiKeyFormat.sha256(token));
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** The key itself, only when dev mode generated it (to print it); a configured key is never shown. */
    public Optional<String> generatedKey() {
        return generated ? key : Optional.empty();
    }
}
