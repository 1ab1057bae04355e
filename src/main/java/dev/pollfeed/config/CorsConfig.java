package dev.pollfeed.config;

import java.util.List;
import java.util.Optional;

/** The settings of {@code pollfeed.cors} ({@link PollfeedConfig}). */
public interface CorsConfig {

    /**
     * Origins whose pages may call the API ({@code https://app.example.com}, comma-separated), or {@code *} for
     * any. Empty by default: same-origin pages only. Other origins are not refused (credentials are never
     * cookies, so there is nothing to forge); they just get no CORS headers, and their browsers keep the answer
     * from the page.
     */
    Optional<List<String>> origins();
}
