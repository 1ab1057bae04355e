package dev.pollfeed.events.domain;

/**
 * An event to publish, validated: {@code type} with its default applied, {@code data} as the exact JSON text the
 * client sent (so that numbers of any size reach PostgreSQL without passing through a double).
 */
public record NewEvent(String type, String dataJson) {

    public static final String DEFAULT_TYPE = "message";
}
