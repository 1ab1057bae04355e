package dev.pollfeed.security.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.security.domain.ApiKeyFormat.PresentedKey;
import dev.pollfeed.security.domain.Caller;
import dev.pollfeed.security.domain.Grants;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Caller}: the bootstrap admin key, an API key
 * ({@code pfk_…}) or a token (a JWT: three dot-separated parts). Anything else is 401, never ignored: a client with a
 * broken credential should learn so at once.
 */
@ApplicationScoped
class Authenticator {

    /** RFC 6750's b64token, and a length no honest credential reaches. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final String BEARER = "bearer ";

    private static final Uni<Caller> ANONYMOUS = Uni.createFrom().item(Caller.ANONYMOUS);
    private static final Caller ADMIN = new Caller(Caller.Kind.ADMIN_KEY, "admin", Grants.ADMIN, 0);

    private final AdminKey adminKey;
    private final ApiKeyVerifier keys;
    private final TokenVerifier tokens;

    Authenticator(AdminKey adminKey, ApiKeyVerifier keys, TokenVerifier tokens) {
        this.adminKey = adminKey;
        this.keys = keys;
        this.tokens = tokens;
    }

    /** @param authorization the request's Authorization header values (null or empty: anonymous) */
    public Uni<Caller> authenticate(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return ANONYMOUS;
        }
        if (authorization.size() > 1) {
            return Uni.createFrom().failure(AccessProblems.invalid("Send one Authorization header, not several."));
        }
        String value = authorization.get(0).strip();
        if (value.length() <= BEARER.length()
                || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Uni.createFrom()
                    .failure(AccessProblems.invalid(
                            "Use Authorization: Bearer <API key or token>; other schemes are not accepted."));
        }
        String token = value.substring(BEARER.length()).strip();
        if (token.length() > MAX_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
            return Uni.createFrom().failure(AccessProblems.invalid("The bearer credential is malformed."));
        }
        if (adminKey.matches(token)) {
            return Uni.createFrom().item(ADMIN);
        }
        if (token.startsWith(ApiKeyFormat.PREFIX)) {
            Optional<PresentedKey> key = ApiKeyFormat.parse(token);
            return key.isPresent()
                    ? keys.verify(key.get())
                    : Uni.createFrom().failure(AccessProblems.invalid("The API key is unknown or revoked."));
        }
        if (token.chars().filter(c -> c == '.').count() == 2) {
            return tokens.verify(token);
        }
        return Uni.createFrom().failure(AccessProblems.invalid("The bearer credential is neither an API key nor a token."));
    }
}
