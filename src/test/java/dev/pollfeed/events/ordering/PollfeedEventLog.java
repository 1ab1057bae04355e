package dev.pollfeed.events.ordering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.repository.HeldPublishes;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.testing.Api;

/**
 * pollfeed itself: immediate writes and every poll go through the HTTP API; writes that must stay open for a while
 * or roll back go through the real {@link PublishService} (so its shared statements and transactions), held after
 * their insert by {@link HeldPublishes}. In process, so they overlap on both builds: the Lambda transport serves one
 * request at a time and could not hold one open while others run.
 */
final class PollfeedEventLog implements EventLog {

    private final PublishService service;
    private final HeldPublishes held;

    PollfeedEventLog(PublishService service, HeldPublishes held) {
        this.service = service;
        this.held = held;
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
            List<NewEvent> events = ids.stream().map(id -> new NewEvent(NewEvent.DEFAULT_TYPE, '"' + id + '"')).toList();
            Throwable failure = service.publish(new ChannelName(channel), events, Optional.empty())
                    .replaceWith((Throwable) null)
                    .onFailure()
                    .recoverWithItem(thrown -> thrown)
                    .await()
                    .atMost(Duration.ofSeconds(30));
            if (rollback != (failure != null)) {
                throw new IllegalStateException(
                        rollback ? "a publish failed after its insert committed" : "publish failed: " + failure);
            }
        } finally {
            held.forget(ids.get(0));
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

    @Override
    public boolean gapless() {
        return true;
    }
}
