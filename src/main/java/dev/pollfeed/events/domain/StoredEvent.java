package dev.pollfeed.events.domain;

/**
 * An event as stored: {@code dataJson} is PostgreSQL's jsonb text, {@code time} is already formatted as
 * {@code 2026-11-28T05:00:00.123456Z}.
 */
public record StoredEvent(long seq, String type, String dataJson, String time) {
}
