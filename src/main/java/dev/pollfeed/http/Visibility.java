package dev.pollfeed.http;

/**
 * Whether an answer is the same for everyone ({@code PUBLIC}: every channel in it is public, so shared caches may
 * keep it) or depends on the caller's credentials ({@code PRIVATE}: browser cache only, varying by Authorization).
 */
public enum Visibility {
    PUBLIC, PRIVATE
}
