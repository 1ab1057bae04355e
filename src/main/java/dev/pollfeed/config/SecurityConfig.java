package dev.pollfeed.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.security} ({@link PollfeedConfig}). */
public interface SecurityConfig {

    /**
     * Channel patterns anyone may read without credentials: exact names, a prefix ending in {@code *}
     * ({@code news.*}), or {@code *} for all. Empty by default: every channel is private in production. Their
     * responses stay {@code Cache-Control: public} so that a CDN can serve them.
     */
    Optional<List<String>> publicRead();

    /**
     * Channel patterns anyone may publish to without credentials. Empty by default; dev mode sets {@code *}. A
     * deployment that sets it is warned about at every start.
     */
    Optional<List<String>> publicPublish();

    /**
     * The bootstrap admin key (at least 32 characters): it may publish and read everything and manage API keys
     * under {@code /v1/keys}. On AWS the templates take it from Secrets Manager. Dev mode generates one per start
     * and prints it when none is set.
     */
    Optional<String> adminKey();

    /**
     * How long an API key, once checked against the database, is trusted without checking again. This is the
     * longest a revoked key keeps working on another instance (on the instance that revoked it, not at all).
     */
    @WithDefault("10s")
    Duration keyCacheTtl();

    /** Tokens (JWT) that the deployer's backend signs for browsers. */
    Jwt jwt();

    /** Per-key request rates, on servers only (on Lambda, API Gateway throttles: docs/security.md). */
    RateLimit rateLimit();

    /** Per-source slow-down of repeated authentication failures, on servers only (docs/security.md). */
    AuthFailures authFailures();

    interface Jwt {

        /** HS256 shared secret, at least 32 bytes. Tokens may then be signed with HS256. */
        Optional<String> secret();

        /**
         * PEM public keys ({@code -----BEGIN PUBLIC KEY-----}), RSA for RS256 or EC P-256 for ES256. Several are
         * allowed, separated by commas, so that a new key can be added before the old one is retired.
         */
        Optional<List<String>> publicKeys();

        /** A JWKS URL with RS256/ES256 keys, fetched when first needed and again every {@link #jwksRefresh()}. */
        Optional<URI> jwksUrl();

        /** How long fetched JWKS keys are used before they are fetched again (and at most once a minute on an unknown kid). */
        @WithDefault("10m")
        Duration jwksRefresh();

        /** When set, the {@code iss} claim must equal it. */
        Optional<String> issuer();

        /** When set, the {@code aud} claim must contain it. */
        Optional<String> audience();

        /** Tolerated clock difference for {@code exp} and {@code nbf}. */
        @WithDefault("30s")
        Duration clockSkew();

        /**
         * Longest accepted lifetime: a token whose {@code exp} lies further ahead than this is refused, so a
         * leaked token can never be a long-lived credential.
         */
        @WithDefault("24h")
        Duration maxLifetime();
    }

    interface RateLimit {

        /**
         * Requests per second allowed to one API key (the bootstrap admin key included), with bursts of as many;
         * the excess gets 429 with {@code Retry-After}. A key created with its own {@code ratePerSecond} uses that.
         * 0 turns limiting off, which the Lambda defaults do.
         */
        @WithDefault("100")
        int perSecond();
    }

    interface AuthFailures {

        /**
         * Refused credentials (401) one source may send within {@link #window()}; past them, every request from
         * that source that carries credentials gets 429 with {@code Retry-After} until the window ends. A source
         * is the client address ({@code X-Forwarded-For} only when {@code quarkus.http.proxy.*} trusts it),
         * IPv6 addresses by /64. 0 turns it off, which the Lambda defaults do (API Gateway throttles there).
         */
        @WithDefault("20")
        int maxPerSource();

        /** The window that failures are counted in, from a source's first failure. */
        @WithDefault("1m")
        Duration window();

        /**
         * Sources remembered at once (least recently used out first): memory stays bounded, at about 150 bytes
         * per source, however many addresses a flood comes from.
         */
        @WithDefault("10000")
        int maxSources();
    }
}
