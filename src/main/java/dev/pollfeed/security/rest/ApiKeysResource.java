package dev.pollfeed.security.rest;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.http.PollfeedHeaders;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.rest.KeyBodies.CreatedKeyBody;
import dev.pollfeed.security.rest.KeyBodies.KeyBody;
import dev.pollfeed.security.rest.KeyBodies.KeyListBody;
import dev.pollfeed.security.service.AccessGuard;
import dev.pollfeed.security.service.ApiKeyService;

/**
 * {@code /v1/keys}: create, list and revoke API keys, for the bootstrap admin key or an API key with the
 * {@code admin} scope. Answers are never cached anywhere ({@code no-store}): one of them carries a secret.
 */
@Path("/v1/keys")
public class ApiKeysResource {

    private static final Pattern KEY_ID = Pattern.compile("[a-z2-7]{12}");

    private final AccessGuard guard;
    private final ApiKeyService keys;
    private final KeyRequestParser parser;
    private final ObjectMapper json;

    ApiKeysResource(AccessGuard guard, ApiKeyService keys, KeyRequestParser parser, ObjectMapper json) {
        this.json = json;
        this.guard = guard;
        this.keys = keys;
        this.parser = parser;
    }

    @POST
    public Uni<Response> create(@Context HttpHeaders headers, byte[] body) {
        return guard.admin(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION)).chain(() -> {
            KeyRequest request = parser.parse(body == null ? new byte[0] : body);
            return keys.create(request.name(), request.scopes(), request.ratePerSecond());
        })
                .map(created -> noStore(Response.created(URI.create("/v1/keys/" + created.info().id()))
                        .entity(bytes(new CreatedKeyBody(created.key(), created.info())))));
    }

    @GET
    public Uni<Response> list(@Context HttpHeaders headers) {
        return guard.admin(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION))
                .chain(keys::list)
                .map(list -> noStore(Response.ok(bytes(new KeyListBody(list.stream().map(KeyBody::new).toList())))));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@RestPath String id, @Context HttpHeaders headers) {
        return guard.admin(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION)).chain(() -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw noSuchKey();
            }
            return keys.revoke(id);
        }).map(revoked -> {
            if (revoked.isEmpty()) {
                throw noSuchKey();
            }
            return noStore(Response.noContent());
        });
    }

    private static Problem noSuchKey() {
        return Problem.of(404, "no-such-key", "No such key", "There is no API key with this id.");
    }

    /**
     * Bodies as bytes, so that every answer has a Content-Length: a streamed one goes out chunked, and the Lambda
     * test transport then never ends a listing over 8 KB (found once the fuzz test had created enough keys).
     */
    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A key answer could not be written", e);
        }
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.type(MediaType.APPLICATION_JSON_TYPE).header(PollfeedHeaders.CACHE_CONTROL, "no-store").build();
    }
}
