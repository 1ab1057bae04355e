package dev.pollfeed.events.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.StoredEvent;
import dev.pollfeed.kernel.ChannelName;

/**
 * Writes the bodies of polls and publishes. {@code data} is PostgreSQL's jsonb text, written raw: parsing it into a
 * tree only to print it again would cost time and could lose precision. The rest is numbers, channel names, times and
 * event types, so the JSON is written by hand into one buffer, for speed
 * (docs/decisions/0003-hand-written-response-bodies.md). Strings that come from clients (types) are escaped by Jackson's encoder; channel names and
 * times are ASCII without anything to escape, but go through it too, which costs little and assumes nothing.
 */
@ApplicationScoped
class ResponseBodies {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    /** {@code {"channel":…,"events":[…],"next":N,"more":bool}} */
    byte[] page(ChannelPage page) {
        StringBuilder json = new StringBuilder(96 + 320 * page.events().size());
        json.append("{\"channel\":");
        string(json, page.channel().value());
        json.append(',');
        pageFields(json, page);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"channels":{"a":{"events":[…],"next":N,"more":bool},…}}} in request order. */
    byte[] pages(List<ChannelPage> pages) {
        int events = 0;
        for (ChannelPage page : pages) {
            events += page.events().size();
        }
        StringBuilder json = new StringBuilder(32 + 96 * pages.size() + 320 * events);
        json.append("{\"channels\":{");
        for (int i = 0; i < pages.size(); i++) {
            ChannelPage page = pages.get(i);
            if (i > 0) {
                json.append(',');
            }
            string(json, page.channel().value());
            json.append(":{");
            pageFields(json, page);
            json.append('}');
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"channel":…,"events":[…]}} */
    byte[] published(ChannelName channel, List<StoredEvent> events) {
        StringBuilder json = new StringBuilder(64 + 320 * events.size());
        json.append("{\"channel\":");
        string(json, channel.value());
        json.append(',');
        events(json, events);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void pageFields(StringBuilder json, ChannelPage page) {
        events(json, page.events());
        json.append(",\"next\":").append(page.next()).append(",\"more\":").append(page.more());
    }

    private static void events(StringBuilder json, List<StoredEvent> events) {
        json.append("\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"seq\":").append(event.seq()).append(",\"type\":");
            string(json, event.type());
            json.append(",\"data\":").append(event.dataJson()).append(",\"time\":");
            string(json, event.time());
            json.append('}');
        }
        json.append(']');
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        STRINGS.quoteAsString(value, json);
        json.append('"');
    }
}
