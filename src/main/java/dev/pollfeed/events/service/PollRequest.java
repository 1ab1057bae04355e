package dev.pollfeed.events.service;

import java.util.List;
import java.util.function.Predicate;

import dev.pollfeed.events.domain.Since;
import dev.pollfeed.kernel.ChannelName;

/**
 * A poll of one channel or several ({@code many}: the multi-channel endpoint, one body for all), with the tags the
 * client already holds: {@code held} tells whether a tag is one of them, {@code conditional} whether it sent any.
 */
public record PollRequest(List<ChannelName> channels, List<Since> since, int limit, boolean many, boolean conditional,
        Predicate<String> held) {
}
