package dev.pollfeed.security.service;

import java.security.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.config.SecurityConfig;
import dev.pollfeed.kernel.ChannelPatterns;
import dev.pollfeed.security.domain.Caller;
import dev.pollfeed.security.domain.Grants;

/**
 * Verifies the tokens a deployer's backend signs for browsers (docs/security.md):
 *
 * <pre>{"sub": "user-42", "exp": 1767225600, "pollfeed": {"read": ["user.42.*"], "publish": ["user.42.outbox"]}}</pre>
 *
 * Only the algorithms for which a key is configured are accepted (HS256 with the secret, RS256/ES256 with public keys
 * or the JWKS), so {@code alg: none} and algorithm confusion have nothing to work with; {@code exp} is required and
 * may lie at most {@code max-lifetime} ahead. A verified token is remembered until it expires (a minute at most),
 * because a browser sends the same token with every poll ({@link VerifiedTokens}).
 */
@ApplicationScoped
class TokenVerifier {

    private static final String CLAIM = "pollfeed";

    private final SecurityConfig.Jwt config;
    private final TokenKeyMaterial material;
    private final JwksKeys jwks;
    private final VerifiedTokens remembered = new VerifiedTokens();
    private volatile ConsumerForKeys consumer;

    TokenVerifier(PollfeedConfig config, JwksKeys jwks) {
        this.config = config.security().jwt();
        this.material = TokenKeyMaterial.of(this.config);
        this.jwks = jwks;
    }

    /** A consumer built for one list of JWKS keys; rebuilt when a fetch brings a new list. */
    private record ConsumerForKeys(List<JsonWebKey> fetched, JwtConsumer consumer) {
    }

    /** Tokens remembered as verified (tests of the cache). */
    long remembered() {
        return remembered.size();
    }

    boolean remembers(String token) {
        return remembered.get(token) != null;
    }

    public boolean configured() {
        return material.secret().isPresent() || !material.publicKeys().isEmpty() || jwks.configured();
    }

    public Uni<Caller> verify(String token) {
        Caller known = remembered.get(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        if (!configured()) {
            return Uni.createFrom().failure(AccessProblems.invalid("This deployment accepts no tokens; use an API key."));
        }
        return jwks.keys()
                .map(keys -> process(token, keys, false))
                .onFailure(UnknownKey.class)
                .recoverWithUni(unknown -> jwks.keysAfterUnknownKid().map(keys -> process(token, keys, true)));
    }

    /** Thrown when no configured key fits the token: perhaps the JWKS has a new key since the last fetch. */
    private static final class UnknownKey extends RuntimeException {

        UnknownKey() {
            super(null, null, false, false);
        }
    }

    private Caller process(String token, List<JsonWebKey> fetched, boolean refetched) {
        JwtClaims claims;
        try {
            claims = consumerFor(fetched).processToClaims(token);
        } catch (InvalidJwtException e) {
            if (!refetched && jwks.configured() && unresolvable(e)) {
                throw new UnknownKey();
            }
            throw AccessProblems.invalid(reason(e));
        }
        Caller caller = caller(claims);
        remember(token, claims, caller);
        return caller;
    }

    private JwtConsumer consumerFor(List<JsonWebKey> fetched) {
        ConsumerForKeys current = consumer;
        if (current != null && current.fetched() == fetched) {
            return current.consumer();
        }
        List<JsonWebKey> publicKeys = new ArrayList<>(material.publicKeys());
        publicKeys.addAll(fetched);
        List<String> algorithms = new ArrayList<>();
        material.secret().ifPresent(secret -> algorithms.add(AlgorithmIdentifiers.HMAC_SHA256));
        if (!publicKeys.isEmpty()) {
            algorithms.add(AlgorithmIdentifiers.RSA_USING_SHA256);
            algorithms.add(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        }
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes((int) Math.max(1, config.maxLifetime().toMinutes()))
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setJwsAlgorithmConstraints(
                        new AlgorithmConstraints(ConstraintType.PERMIT, algorithms.toArray(String[]::new)))
                .setVerificationKeyResolver(resolver(publicKeys));
        config.issuer().ifPresent(builder::setExpectedIssuer);
        config.audience().ifPresentOrElse(builder::setExpectedAudience, builder::setSkipDefaultAudienceValidation);
        JwtConsumer built = builder.build();
        consumer = new ConsumerForKeys(fetched, built);
        return built;
    }

    /** HS256 goes to the secret and only to it; RS256/ES256 go to the public keys, chosen by kid and key type. */
    private VerificationKeyResolver resolver(List<JsonWebKey> publicKeys) {
        JwksVerificationKeyResolver byKid = new JwksVerificationKeyResolver(publicKeys);
        byKid.setDisambiguateWithVerifySignature(true);
        return (jws, nesting) -> {
            if (AlgorithmIdentifiers.HMAC_SHA256.equals(jws.getAlgorithmHeaderValue())) {
                Key secret = material.secret().orElseThrow(() -> new UnresolvableKeyException("no HS256 secret"));
                return secret;
            }
            return byKid.resolveKey(jws, nesting);
        };
    }

    private static boolean unresolvable(InvalidJwtException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvableKeyException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "The token has expired.";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "The token has no exp claim; pollfeed accepts only tokens that expire.";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
            return "The token's exp lies further ahead than this deployment's maximum token lifetime.";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "The token is not valid yet (nbf).";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "The token's issuer is not the one this deployment trusts.";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "The token is not meant for this deployment (aud).";
        }
        // Signature, algorithm, key and syntax failures get one answer: which of them it was helps only a forger.
        return "The token is not valid.";
    }

    private static Caller caller(JwtClaims claims) {
        ChannelPatterns read;
        ChannelPatterns publish;
        try {
            Object grant = claims.getClaimValue(CLAIM);
            if (!(grant instanceof Map<?, ?> map)) {
                throw AccessProblems.invalid("The token has no 'pollfeed' claim with the channels it may read.");
            }
            read = patterns(map.get("read"), "read");
            publish = patterns(map.get("publish"), "publish");
            String subject = claims.getSubject();
            return new Caller(Caller.Kind.TOKEN, subject == null ? "token" : subject, new Grants(read, publish, false),
                    0);
        } catch (MalformedClaimException e) {
            throw AccessProblems.invalid("The token's sub claim is not a string.");
        }
    }

    private static ChannelPatterns patterns(Object claim, String name) {
        if (claim == null) {
            return ChannelPatterns.NONE;
        }
        if (!(claim instanceof Collection<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw AccessProblems.invalid("The token's pollfeed." + name + " claim must be a list of channel patterns.");
        }
        try {
            return ChannelPatterns.parse(list.stream().map(String.class::cast).toList());
        } catch (IllegalArgumentException e) {
            throw AccessProblems.invalid("The token's pollfeed." + name + " claim: " + e.getMessage());
        }
    }

    private void remember(String token, JwtClaims claims, Caller caller) {
        try {
            remembered.put(token, caller, claims.getExpirationTime().getValueInMillis());
        } catch (MalformedClaimException e) {
            // exp is required by the consumer, so this cannot happen; such a token is simply not remembered.
        }
    }
}
