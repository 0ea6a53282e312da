package io.tusk.notify;

import java.util.List;
import java.util.Objects;

/**
 * An event rendered once for every channel: a title, the facts (database, time, error, details) in display order, a
 * plain-text body and an HTML body with every value escaped. Channels with their own structure (Slack blocks, Discord
 * embeds, Adaptive Cards) build it from the title, the facts and {@link NotificationEvent#linkUrl()}.
 *
 * @param id    the same for every channel and every retry of one submitted event, so receivers can drop duplicates
 * @param event what happened
 * @param title one line: "Backup failed: shop"
 * @param facts label and value pairs: "Database" "shop", "When" "2026-12-01 07:59:36 UTC", "Error" "..."
 * @param text  plain text, lines separated by '\n'
 * @param html  an HTML fragment safe to embed in a document: every event value is escaped
 */
public record Message(String id, NotificationEvent event, String title, List<Fact> facts, String text, String html) {
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(title, "title");
        facts = List.copyOf(facts);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** One labelled value of a message. */
    public record Fact(String label, String value) {
        public Fact {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }
}
