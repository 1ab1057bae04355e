package dev.pollfeed.events.service;

import java.util.List;

import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.kernel.ChannelName;

/** What a poll comes to, decided in {@link PollService}; the route only renders it. */
public sealed interface PollAnswer {

    String etag();

    /** Whether the answer may be kept forever: every page is full (a live edge changes). */
    boolean full();

    /** The client's copy is current: a 304. */
    record NotModified(String etag, boolean full, List<ChannelName> channels) implements PollAnswer {
    }

    /** The pages to send, already cut to the response budget, in the order the channels were named. */
    record Pages(String etag, List<ChannelPage> pages) implements PollAnswer {

        @Override
        public boolean full() {
            for (ChannelPage page : pages) {
                if (!page.more()) {
                    return false;
                }
            }
            return true;
        }

        public boolean empty() {
            for (ChannelPage page : pages) {
                if (!page.events().isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }
}
