package dev.pollfeed.security.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.http.Visibility;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.ChannelPatterns;
import dev.pollfeed.kernel.Refusal;
import dev.pollfeed.security.domain.Caller;

/**
 * The one place that decides whether a request may go on. Resources ask before they touch the database, so a refused
 * request reads and stores nothing. Public channels cost nothing here when no credentials are sent: the common
 * anonymous poll of a public channel never hashes, verifies or looks anything up.
 */
@ApplicationScoped
public class AccessGuard {

    private static final Uni<Visibility> PUBLIC = Uni.createFrom().item(Visibility.PUBLIC);
    private static final Uni<Void> ALLOWED = Uni.createFrom().voidItem();

    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final ChannelPatterns publicRead;
    private final ChannelPatterns publicPublish;

    AccessGuard(Authenticator authenticator, RateLimiter limiter, PublicChannels publicChannels) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.publicRead = publicChannels.read();
        this.publicPublish = publicChannels.publish();
    }

    /**
     * Read access to every channel named, given the request's {@code Authorization} header values (null or empty
     * when none was sent): one forbidden channel refuses the whole request.
     */
    public Uni<Visibility> read(List<String> authorization, List<ChannelName> channels) {
        if (readAtOnce(authorization, channels) != null) {
            return PUBLIC;
        }
        boolean allPublic = true;
        for (ChannelName channel : channels) {
            allPublic &= publicRead.covers(channel);
        }
        List<String> credentials = present(authorization);
        Visibility visibility = allPublic ? Visibility.PUBLIC : Visibility.PRIVATE;
        return caller(credentials).map(caller -> {
            for (ChannelName channel : channels) {
                if (!publicRead.covers(channel) && !caller.grants().mayRead(channel)) {
                    throw refused(caller, "read", "channel '" + channel + "'");
                }
            }
            return visibility;
        });
    }

    /**
     * What {@link #read} decides without waiting: {@link Visibility#PUBLIC} for an anonymous read of public channels
     * only, or null when credentials must be verified first (then ask {@link #read}).
     */
    public Visibility readAtOnce(List<String> authorization, List<ChannelName> channels) {
        if (present(authorization) != null) {
            return null;
        }
        for (ChannelName channel : channels) {
            if (!publicRead.covers(channel)) {
                return null;
            }
        }
        return Visibility.PUBLIC;
    }

    /** Views over every channel (deployment stats): public only when every channel is, otherwise read on '*'. */
    public Uni<Visibility> readEverything(List<String> authorizationValues) {
        List<String> authorization = present(authorizationValues);
        if (authorization == null && publicRead.coverEverything()) {
            return PUBLIC;
        }
        return caller(authorization).map(caller -> {
            if (!publicRead.coverEverything() && !caller.grants().mayReadEverything()) {
                throw refused(caller, "read", "every channel ('*')");
            }
            return publicRead.coverEverything() ? Visibility.PUBLIC : Visibility.PRIVATE;
        });
    }

    /** Publishing to the channel, given the request's {@code Authorization} header values (null or empty: none). */
    public Uni<Void> publish(List<String> authorization, ChannelName channel) {
        List<String> credentials = present(authorization);
        if (credentials == null && publicPublish.covers(channel)) {
            return ALLOWED;
        }
        return caller(credentials).map(caller -> {
            if (!publicPublish.covers(channel) && !caller.grants().mayPublish(channel)) {
                throw refused(caller, "publish", "channel '" + channel + "'");
            }
            return null;
        });
    }

    /** Key management: the bootstrap admin key or an API key with the admin scope; never a browser token. */
    public Uni<Void> admin(List<String> authorization) {
        return caller(present(authorization)).map(caller -> {
            if (!caller.grants().admin()) {
                throw refused(caller, "manage keys", "this deployment (admin scope)");
            }
            return null;
        });
    }

    /** The authenticated caller, held to its key's rate before anything else is decided. */
    private Uni<Caller> caller(List<String> authorization) {
        return authenticator.authenticate(authorization).invoke(limiter::check);
    }

    /** The header's values, or null when none was sent (an empty list and null both mean none). */
    private static List<String> present(List<String> values) {
        return values == null || values.isEmpty() ? null : values;
    }

    private static Refusal refused(Caller caller, String action, String what) {
        if (caller.isAnonymous()) {
            return AccessProblems.missing("Credentials are needed to " + action + " " + what
                    + ": send Authorization: Bearer <API key or token>.");
        }
        return AccessProblems.forbidden("These credentials may not " + action + " " + what + ".");
    }
}
