package dev.pollfeed.config;

import io.smallrye.config.WithDefault;

/** The settings of {@code pollfeed.cache} ({@link PollfeedConfig}). */
public interface CacheConfig {

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
