package dev.pollfeed.events.service;

import java.util.List;

import dev.pollfeed.events.domain.NewEvent;

/**
 * A batch as one JSON document, {@code [{"type":"…","data":…},…]}: what the insert unpacks with
 * {@code jsonb_array_elements}, and the request an {@code Idempotency-Key} is bound to (defaults applied).
 */
final class BatchJson {

    private BatchJson() {
    }

    static String of(List<NewEvent> events) {
        int size = 2;
        for (NewEvent event : events) {
            size += event.type().length() + event.dataJson().length() + 24;
        }
        StringBuilder json = new StringBuilder(size).append('[');
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            if (i > 0) {
                json.append(',');
            }
            // Types are validated to [A-Za-z0-9._:/-]: nothing in them needs escaping.
            json.append("{\"type\":\"").append(event.type()).append("\",\"data\":").append(event.dataJson()).append('}');
        }
        return json.append(']').toString();
    }
}
