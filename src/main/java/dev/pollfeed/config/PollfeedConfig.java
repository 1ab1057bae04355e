package dev.pollfeed.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every pollfeed setting. Each can be set in {@code application.properties} or as an environment variable
 * ({@code pollfeed.polling.interval-seconds} is {@code POLLFEED_POLLING_INTERVAL_SECONDS}).
 */
@ConfigMapping(prefix = "pollfeed")
public interface PollfeedConfig {

    /** Request size limits. */
    Limits limits();

    /** What the server tells pollers about when to come back. */
    Polling polling();

    /** How publishes reach the database. */
    Publishing publishing();

    /** Deadlines and bounds in front of the database (docs/protocol.md, Errors). */
    Database database();

    /** Cache lifetimes of poll responses, for browsers and CDNs. */
    Cache cache();

    /** When the database schema is migrated. */
    Migration migration();

    /** How long events are kept. */
    Retention retention();

    /** The embedded PostgreSQL started in dev mode and tests when no database URL is configured. */
    EmbeddedDatabase embeddedDatabase();

    /** Who may publish and read (docs/security.md). */
    Security security();

    /** Cross-origin access for browser apps served from other origins (docs/security.md). */
    Cors cors();

    interface Cors {

        /**
         * Origins whose pages may call the API ({@code https://app.example.com}, comma-separated), or {@code *} for
         * any. Empty by default: same-origin pages only. Other origins are not refused (credentials are never
         * cookies, so there is nothing to forge); they just get no CORS headers, and their browsers keep the answer
         * from the page.
         */
        Optional<List<String>> origins();
    }

    interface Limits {

        /**
         * Largest {@code data} value of one event, in bytes of UTF-8 JSON text as received. Larger events get 413.
         */
        @WithDefault("65536")
        int maxEventDataBytes();

        /**
         * Largest request body, in bytes. Larger bodies get 413. (API Gateway caps Lambda payloads at 6 MB.)
         */
        @WithDefault("1048576")
        int maxRequestBytes();

        /**
         * Byte budget of one poll answer (all channels of a multi-channel poll together): a page ends early, with
         * {@code more: true}, before the event that would take the body past it, and holds at least one event. The
         * default leaves room for Lambda's 6 MB response limit after API Gateway's JSON escaping, which at worst doubles
         * a body (docs/protocol.md, Limits).
         */
        @WithDefault("2097152")
        int maxResponseBytes();

        /**
         * Longest time a request body may take to arrive, from the request's headers: a body still incomplete then
         * gets 408 and its connection is closed, so a client trickling a body a byte at a time holds a connection
         * and its buffer for this long at most (docs/deploy.md, Slow clients).
         */
        @WithDefault("10s")
        Duration bodyDeadline();
    }

    interface Polling {

        /**
         * Seconds a client should wait before its next poll, sent as the {@code Poll-Interval} header (at least 1).
         */
        @WithDefault("2")
        int intervalSeconds();

        /**
         * Longest {@code Poll-Interval} of a quiet channel, in seconds. A channel without events for
         * {@code quiet-after-seconds} gets twice the base interval, then twice that each time its quiet spell doubles,
         * up to this cap; its next event brings the base back. Equal to {@code interval-seconds}: adaptation off.
         * Delivery-delay and request figures per setting: bench/README.md (simulation).
         */
        @WithDefault("30")
        int maxIntervalSeconds();

        /** Seconds without an event after which a channel's {@code Poll-Interval} starts to stretch. */
        @WithDefault("60")
        int quietAfterSeconds();

        /**
         * Database reads of one kind (channel heads; events) running at once. Polls arriving meanwhile wait for one to
         * return and then share a single statement: fewer, larger statements when busy, no wait when quiet. One
         * measured best (docs/decisions/0002-shared-statements.md); a read stalled for 20 ms lets the next one go anyway.
         */
        @WithDefault("1")
        int sharedReadsInFlight();

        /** Channel heads, or events, in one shared read; a batch that large goes out without waiting. */
        @WithDefault("1000")
        int sharedReadBatch();

        /**
         * How old a channel head may be when this instance answers a caught-up poll from memory instead of the
         * database (docs/protocol.md, "Freshness"). Capped at {@code pollfeed.cache.partial-page-max-age-seconds}, what
         * a CDN may already serve a live page for; {@code 0s} reads every head from the database.
         */
        @WithDefault("1s")
        Duration headFreshness();

        /** Channel heads kept in memory for caught-up polls; the coldest are evicted beyond this. */
        @WithDefault("100000")
        int headCacheSize();

        /**
         * Bytes of pages that polls reading events may hold at once on one instance, each counted at the most its page
         * can take (its rows times the largest rendered event, at most its byte budget) from before its read until its
         * response ends. Polls beyond it wait (see {@code page-memory-waiters}), within their deadline, then get 503
         * with {@code Retry-After}; a poll always proceeds when none is reserved. Sized for a 96 MB heap: 200 polls of
         * 2 MiB pages at once exhausted it (bench/README.md, Faults). {@code 0}: no bound.
         */
        @WithDefault("25165824")
        long pageMemoryBytes();

        /** Polls waiting for {@code page-memory-bytes} at once; beyond it they get 503 with {@code Retry-After}. */
        @WithDefault("1000")
        int pageMemoryWaiters();
    }

    interface Database {

        /**
         * How long a request waits for the database before it is answered 503 with {@code Retry-After}; well under
         * API Gateway's 30 s. PostgreSQL cancels the statement itself a little earlier: keep
         * {@code quarkus.datasource.reactive.additional-properties.statement_timeout} below this.
         */
        @WithDefault("5s")
        Duration deadline();

        /**
         * Statements outstanding on one instance (running, or waiting for a pooled connection) beyond which requests
         * are refused at once with 503 instead of queueing.
         */
        @WithDefault("256")
        int maxOutstandingStatements();
    }

    interface Publishing {

        /**
         * Publish statements (without an Idempotency-Key) running at once. Publishes arriving meanwhile wait for one to
         * commit and then go out as one statement, one transaction and one commit: all of them stored, or none.
         */
        @WithDefault("1")
        int sharedWritesInFlight();

        /** Events in one shared publish statement; a batch that large goes out without waiting. */
        @WithDefault("1000")
        int sharedWriteBatch();
    }

    interface Cache {

        /**
         * {@code max-age} in seconds of a poll response that can still change (empty or partial page). Short, so
         * that a CDN collapses identical polls without delaying news by more than this.
         */
        @WithDefault("1")
        int partialPageMaxAgeSeconds();

        /**
         * {@code max-age} in seconds of a full page ({@code more: true}), which can never change.
         */
        @WithDefault("31536000")
        int fullPageMaxAgeSeconds();
    }

    interface Migration {

        /**
         * Whether Flyway migrates the schema when the service starts: {@code auto} migrates everywhere except on AWS
         * Lambda (where a cold start must not pay for it; run the {@code migrate} command once per deployment),
         * {@code always} and {@code never} force it.
         */
        @WithDefault("auto")
        AtStart atStart();

        enum AtStart {
            AUTO, ALWAYS, NEVER
        }
    }

    interface Retention {

        /** Events older than this are pruned ({@code 7d}, {@code 12h}, or ISO-8601 such as {@code P7D}). */
        @WithDefault("7d")
        Duration maxAge();

        /** At most this many events are kept per channel; the oldest go first. */
        @WithDefault("100000")
        long maxEvents();

        /**
         * Overrides by channel-name prefix, the longest matching prefix winning:
         * {@code pollfeed.retention.channels."audit.".max-age=365d}, {@code pollfeed.retention.channels."tmp.".max-events=100}.
         */
        Map<String, ChannelRetention> channels();

        /** Events deleted per statement: pruning never issues one huge DELETE that would hold locks for long. */
        @WithDefault("1000")
        int batchSize();

        /** How long one pruning run may take; what is left waits for the next run. Below the Lambda timeout. */
        @WithDefault("10s")
        Duration timeBudget();

        /** How often the server prunes. On AWS Lambda a scheduled invocation does it instead (see docs/deploy.md). */
        @WithDefault("1m")
        String every();

        /**
         * Serve {@code POST /internal/retention/run}, the target of the scheduled invocation on Lambda. Enable it only
         * on a function no public route reaches (the maintenance function of the templates).
         */
        @WithDefault("false")
        boolean endpointEnabled();

        /** A channel-prefix override; what it leaves out falls back to the deployment default. */
        interface ChannelRetention {

            Optional<Duration> maxAge();

            OptionalLong maxEvents();
        }
    }

    interface EmbeddedDatabase {

        /**
         * Start an embedded PostgreSQL in dev mode and tests when no {@code quarkus.datasource.reactive.url} is set.
         * Read before the application starts, so set it as a system property or environment variable
         * ({@code POLLFEED_EMBEDDED_DATABASE_ENABLED=false}).
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Security {

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
}
