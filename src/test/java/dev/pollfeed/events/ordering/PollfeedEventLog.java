package dev.pollfeed.events.ordering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.events.repository.HeldPublishes;
import dev.pollfeed.events.service.PollAnswer;
import dev.pollfeed.events.service.PollRequest;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.testing.Api;

/**
 * pollfeed itself: immediate writes and the followers' polls go through the HTTP API; writes that must stay open for
 * a while or roll back go through the real {@link PublishService} (so its shared statements and transactions), held
 * after their insert by {@link HeldPublishes}. In process, so they overlap on both builds: the Lambda transport serves
 * one request at a time and could not hold one open while others run (for the same reason the late-commit prober
 * polls through the route's own service call).
 */
final class PollfeedEventLog implements EventLog {

    private static final String WAITING_FOR = """
            WITH RECURSIVE waiting(pid) AS (
                SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))
                UNION
                SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid)))
            SELECT count(*) FROM waiting w
            WHERE EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = w.pid AND l.relation = 'idempotency_keys'::regclass)""";

    private final PublishService service;
    private final PollService polls;
    private final HeldPublishes held;
    private final DataSource database;

    PollfeedEventLog(PublishService service, PollService polls, HeldPublishes held, DataSource database) {
        this.service = service;
        this.polls = polls;
        this.held = held;
        this.database = database;
    }

    @Override
    public void write(String channel, List<String> ids, int holdMillis, boolean rollback) throws Exception {
        if (holdMillis == 0 && !rollback) {
            StringBuilder batch = new StringBuilder("[");
            for (String id : ids) {
                batch.append(batch.length() == 1 ? "" : ",").append("{\"data\":\"").append(id).append("\"}");
            }
            Response response = Api.publish(channel, batch.append(']').toString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("publish answered " + response.statusCode() + ": " + response.asString());
            }
            return;
        }
        held.hold(ids.get(0)).releaseAfter(holdMillis, rollback);
        try {
            Throwable failure = publish(channel, ids).await().atMost(Duration.ofSeconds(30));
            if (rollback != (failure != null)) {
                throw new IllegalStateException(
                        rollback ? "a publish failed after its insert committed" : "publish failed: " + failure);
            }
        } finally {
            held.forget(ids.get(0));
        }
    }

    @Override
    public OpenWrite begin(String channel, List<String> ids) throws Exception {
        HeldPublishes.Held one = held.hold(ids.get(0));
        CompletableFuture<Throwable> outcome = publish(channel, ids).subscribeAsCompletionStage();
        int pid;
        try {
            pid = one.reached().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            one.release(false);
            held.forget(ids.get(0));
            throw new IllegalStateException("publish never reached its commit: " + outcome.getNow(null), e);
        }
        return new Open(pid, () -> {
            one.release(false);
            try {
                Throwable failure = outcome.get(30, TimeUnit.SECONDS);
                if (failure != null) {
                    throw new IllegalStateException("publish failed: " + failure, failure);
                }
            } finally {
                held.forget(ids.get(0));
            }
        });
    }

    /**
     * With an Idempotency-Key, so in a transaction of its own: a keyless publish can share a statement with publishes
     * to channels the held write's statement has locked. In process: the Lambda transport may be busy with a publish
     * that waits for the held one.
     */
    @Override
    public void writeBeside(String channel, List<String> ids) {
        List<NewEvent> events = ids.stream().map(id -> new NewEvent(NewEvent.DEFAULT_TYPE, '"' + id + '"')).toList();
        service.publish(new ChannelName(channel), events, Optional.of("beside-" + ids.get(0)))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    /**
     * Asks PostgreSQL whether a session waits for the open transaction, directly or behind others that do (a second
     * waiter for a row waits for the first), having claimed an idempotency key: only {@link #writeBeside} publishes
     * with a key here. (Not by its statement's text: pg_stat_activity keeps only its first kilobyte.)
     */
    @Override
    public boolean besideWaitsFor(OpenWrite open) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement waiting = connection.prepareStatement(WAITING_FOR)) {
            waiting.setInt(1, ((Open) open).pid());
            try (ResultSet rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** A keyless publish through the service; its failure, or null once committed. */
    private Uni<Throwable> publish(String channel, List<String> ids) {
        List<NewEvent> events = ids.stream().map(id -> new NewEvent(NewEvent.DEFAULT_TYPE, '"' + id + '"')).toList();
        return service.publish(new ChannelName(channel), events, Optional.empty())
                .replaceWith((Throwable) null)
                .onFailure()
                .recoverWithItem(thrown -> thrown);
    }

    /** A held publish and the backend whose transaction it is. */
    private record Open(int pid, OpenWrite committer) implements OpenWrite {

        @Override
        public void commit() throws Exception {
            committer.commit();
        }
    }

    @Override
    public Page poll(String channel, long cursor, int limit) {
        Response response = Api.poll(channel, "since=" + cursor + "&limit=" + limit);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("poll answered " + response.statusCode() + ": " + response.asString());
        }
        JsonPath json = response.jsonPath();
        List<Integer> seqs = json.getList("events.seq", Integer.class);
        List<String> ids = json.getList("events.data", String.class);
        List<Seen> seen = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            seen.add(new Seen(seqs.get(i), ids.get(i)));
        }
        return new Page(seen, json.getLong("next"));
    }

    /** The service call the poll route makes, without If-None-Match, in process. */
    @Override
    public Page pollWhileHeld(String channel, long cursor, int limit) {
        PollRequest request = new PollRequest(List.of(new ChannelName(channel)), List.of(new Since.After(cursor)), limit,
                false, false, etag -> false);
        ChannelPage page = ((PollAnswer.Pages) polls.poll(request).await().atMost(Duration.ofSeconds(30))).pages()
                .get(0);
        List<Seen> seen = new ArrayList<>();
        for (StoredEvent event : page.events()) {
            seen.add(new Seen(event.seq(), event.dataJson().substring(1, event.dataJson().length() - 1)));
        }
        return new Page(seen, page.next());
    }

    @Override
    public boolean gapless() {
        return true;
    }
}
