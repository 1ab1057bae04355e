package dev.pollfeed.events.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.StoredEvent;

/**
 * Writes response bodies with a streaming generator. {@code data} is PostgreSQL's jsonb text, written raw: parsing
 * it into a tree only to print it again would cost time and could lose precision.
 */
@ApplicationScoped
class ResponseBodies {

    private final JsonFactory factory;

    ResponseBodies(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /** {@code {"channel":…,"events":[…],"next":N,"more":bool}} */
    byte[] page(ChannelPage page) {
        return write(256 + 128 * page.events().size(), json -> {
            json.writeStartObject();
            json.writeStringField("channel", page.channel().value());
            writePageFields(json, page);
            json.writeEndObject();
        });
    }

    /** {@code {"channels":{"a":{"events":[…],"next":N,"more":bool},…}}} in request order. */
    byte[] pages(List<ChannelPage> pages) {
        return write(256 + 128 * pages.size(), json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("channels");
            for (ChannelPage page : pages) {
                json.writeObjectFieldStart(page.channel().value());
                writePageFields(json, page);
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** {@code {"channel":…,"events":[…]}} */
    byte[] published(ChannelName channel, List<StoredEvent> events) {
        return write(256 + 128 * events.size(), json -> {
            json.writeStartObject();
            json.writeStringField("channel", channel.value());
            writeEvents(json, events);
            json.writeEndObject();
        });
    }

    private static void writePageFields(JsonGenerator json, ChannelPage page) throws IOException {
        writeEvents(json, page.events());
        json.writeNumberField("next", page.next());
        json.writeBooleanField("more", page.more());
    }

    private static void writeEvents(JsonGenerator json, List<StoredEvent> events) throws IOException {
        json.writeArrayFieldStart("events");
        for (StoredEvent event : events) {
            json.writeStartObject();
            json.writeNumberField("seq", event.seq());
            json.writeStringField("type", event.type());
            json.writeFieldName("data");
            json.writeRawValue(event.dataJson());
            json.writeStringField("time", event.time());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private byte[] write(int sizeHint, JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator json = factory.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface JsonWriter {

        void write(JsonGenerator json) throws IOException;
    }
}
