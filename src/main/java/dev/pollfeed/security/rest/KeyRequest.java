package dev.pollfeed.security.rest;

import java.util.Optional;

import dev.pollfeed.security.domain.Scopes;

/** A validated {@code POST /v1/keys} body. */
record KeyRequest(String name, Scopes scopes, Optional<Integer> ratePerSecond) {
}
