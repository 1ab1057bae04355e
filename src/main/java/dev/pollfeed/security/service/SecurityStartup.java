package dev.pollfeed.security.service;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks the security settings when the service starts (a bad pattern, key or secret stops it there, not at the
 * first request) and says out loud what is open: public publishing, all-public reads, a dev-mode admin key.
 */
class SecurityStartup {

    private static final Logger LOG = Logger.getLogger("dev.pollfeed.security");

    void check(@Observes StartupEvent start, PublicChannels open, AdminKey adminKey, TokenVerifier tokens) {
        boolean dev = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        adminKey.generatedKey()
                .ifPresent(key -> LOG.warnf("""

                        ======================================================================================
                         pollfeed DEV MODE SECURITY: every channel is public for reading%s.
                         Generated admin key for this run (manage keys with POST/GET/DELETE /v1/keys):
                           %s
                         Production starts with every channel private and no admin key until you set one.
                        ======================================================================================""",
                        open.publish().coverEverything() ? " and publishing" : "", key));
        if (!open.publish().isEmpty() && !dev) {
            LOG.warnf("Anyone may publish without credentials to channels matching %s (pollfeed.security.public-publish)",
                    open.publish());
        }
        if (open.read().coverEverything() && !dev) {
            LOG.warn("Every channel is public for reading (pollfeed.security.public-read=*)");
        }
        if (!adminKey.configured()) {
            LOG.warn("No admin key is configured (pollfeed.security.admin-key): API keys cannot be managed");
        }
        if (!tokens.configured()) {
            LOG.debug("No token keys are configured: browsers can read public channels only");
        }
    }
}
