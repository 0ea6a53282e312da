package io.tusk.notify;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Renders an event as a {@link Message}: what happened, to which database, when, the one-line error or summary, the
 * details and the link to the run. The HTML part escapes every value taken from the event, since error messages come
 * from databases and storages and may hold markup.
 */
public final class MessageFormatter {
    private final DateTimeFormatter timeFormat;

    /** Times in UTC. */
    public MessageFormatter() {
        this(ZoneId.of("UTC"));
    }

    /** Times in {@code zone}, the zone the server shows in its UI. */
    public MessageFormatter(ZoneId zone) {
        // ZoneOffset.UTC prints as "Z"; the region id prints as "UTC", which people read
        ZoneId shown = zone.equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
        this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(shown);
    }

    public Message format(NotificationEvent event) {
        return format(event, UUID.randomUUID().toString());
    }

    /** The same event rendered again under the same id (a channel that adds a fact of its own). */
    Message format(NotificationEvent event, String id) {
        String title = event.databaseName().map(database -> event.type().label() + ": " + database)
                .orElse(event.type().label());
        List<Message.Fact> facts = facts(event);
        return new Message(id, event, title, facts, text(title, facts, event),
                html(title, facts, event));
    }

    private List<Message.Fact> facts(NotificationEvent event) {
        List<Message.Fact> facts = new ArrayList<>();
        event.databaseName().ifPresent(database -> facts.add(new Message.Fact("Database", database)));
        facts.add(new Message.Fact("When", timeFormat.format(event.time())));
        if (!event.summary().isEmpty()) {
            // a failure's summary is its error
            String label = event.type().severity() == EventType.Severity.FAILURE ? "Error" : "Summary";
            facts.add(new Message.Fact(label, event.summary()));
        }
        event.details().forEach((key, value) -> facts.add(new Message.Fact(key, value)));
        return facts;
    }

    private static String text(String title, List<Message.Fact> facts, NotificationEvent event) {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        facts.forEach(fact -> text.append(fact.label()).append(": ").append(fact.value()).append('\n'));
        event.linkUrl().ifPresent(link -> text.append("\nOpen the run in Tusk: ").append(link).append('\n'));
        return text.toString();
    }

    private static String html(String title, List<Message.Fact> facts, NotificationEvent event) {
        StringBuilder html = new StringBuilder("<h2>").append(Html.escape(title)).append("</h2>\n<table>\n");
        facts.forEach(fact -> html.append("<tr><th align=\"left\">").append(Html.escape(fact.label()))
                .append("</th><td>").append(Html.escape(fact.value())).append("</td></tr>\n"));
        html.append("</table>\n");
        event.linkUrl().ifPresent(link -> html.append("<p><a href=\"").append(Html.escape(link.toString()))
                .append("\">Open the run in Tusk</a></p>\n"));
        return html.toString();
    }
}
