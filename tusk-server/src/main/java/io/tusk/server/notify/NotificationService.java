package io.tusk.server.notify;

import io.tusk.notify.ChannelTest;
import io.tusk.notify.DeliveryOutcome;
import io.tusk.notify.DeliveryPolicy;
import io.tusk.notify.EventType;
import io.tusk.notify.MessageFormatter;
import io.tusk.notify.NotificationChannel;
import io.tusk.notify.NotificationDispatcher;
import io.tusk.notify.NotificationEvent;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfigException;
import io.tusk.notify.NotifierFactory;
import io.tusk.server.api.ApiException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The server's notification channels: configured and validated here, each delivered by its own dispatcher (a
 * thread, queue, rate limit and retries of its own, so one channel that hangs delays no other and never a backup),
 * every outcome recorded for the API and the log.
 */
@Service
public class NotificationService implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    private final NotifierRepository repository;
    private final NotifierFactory factory = new NotifierFactory();
    private final Clock clock;
    private final Map<Long, NotificationDispatcher> dispatchers = new ConcurrentHashMap<>();

    NotificationService(NotifierRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** For events of no one database (a storage): the workspace's default channels that want it. */
    public void publishToWorkspace(NotificationEvent event, long workspaceId) {
        try {
            for (Long id : repository.defaultsOf(workspaceId)) {
                NotificationDispatcher dispatcher = dispatcher(id);
                if (dispatcher != null) {
                    dispatcher.submit(event);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not queue the {} notification: {}", event.type().key(), e.getMessage());
        }
    }

    NotifierRepository repository() {
        return repository;
    }

    /** Queues the event for the database's channels that want it; returns at once, never throws. */
    public void publish(NotificationEvent event, Long databaseId) {
        try {
            for (Long id : repository.channelsOf(databaseId)) {
                NotificationDispatcher dispatcher = dispatcher(id);
                if (dispatcher != null) {
                    dispatcher.submit(event);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not queue the {} notification: {}", event.type().key(), e.getMessage());
        }
    }

    NotifierView create(NotifierRequest request, long workspaceId) {
        Checked c = check(request, Map.of());
        long id = repository.insert(request.name(), c.type, c.settings, c.events, Boolean.TRUE.equals(request.isDefault()), workspaceId);
        repository.storeSecrets(id, c.secrets);
        return repository.get(id);
    }

    NotifierView update(long id, NotifierRequest request) {
        repository.get(id);
        Checked c = check(request, repository.secretsOf(id));
        repository.update(id, request.name(), c.type, c.settings, c.events, Boolean.TRUE.equals(request.isDefault()));
        repository.storeSecrets(id, c.secrets);
        close(id);
        return repository.get(id);
    }

    void delete(long id) {
        repository.get(id);
        close(id);
        repository.delete(id);
    }

    /** Sends a test message now, once, on this thread, and says how it went. */
    ChannelTest.Result test(long id) {
        NotifierView view = repository.get(id);
        return ChannelTest.send(notifier(view), new MessageFormatter(), clock, null);
    }

    private NotificationDispatcher dispatcher(long id) {
        return dispatchers.computeIfAbsent(id, key -> {
            NotifierView view = repository.find(key).orElse(null);
            if (view == null) {
                return null;
            }
            Set<EventType> events = new LinkedHashSet<>();
            for (String e : view.events()) {
                events.add(EventType.valueOf(e.toUpperCase(Locale.ROOT)));
            }
            NotificationChannel channel = new NotificationChannel(Long.toString(key), notifier(view), events);
            return new NotificationDispatcher(List.of(channel), DeliveryPolicy.defaults(), outcome -> record(key, outcome));
        });
    }

    private void record(long notifierId, DeliveryOutcome outcome) {
        if (outcome.status() != DeliveryOutcome.Status.DELIVERED) {
            LOG.warn("notification {} to {} channel {}: {} (attempt {}): {}", outcome.event().key(), outcome.channelType(),
                    notifierId, outcome.status(), outcome.attempt(), outcome.errorMessage().orElse(""));
        }
        try {
            repository.record(notifierId, outcome);
        } catch (RuntimeException e) {
            LOG.warn("could not record a notification outcome: {}", e.getMessage());
        }
    }

    private Notifier notifier(NotifierView view) {
        Map<String, String> config = new HashMap<>(view.settings());
        config.putAll(repository.secretsOf(view.id()));
        return factory.create(view.type(), config);
    }

    private record Checked(String type, Map<String, String> settings, Map<String, String> secrets, List<String> events) {
    }

    /** Splits the given keys into settings and secrets by the channel's own list, then lets the channel validate. */
    private Checked check(NotifierRequest r, Map<String, String> storedSecrets) {
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            throw ApiException.badRequest("name", "a notification channel needs a name of 1 to 200 characters");
        }
        if (r.type() == null || !factory.channelTypes().contains(r.type())) {
            throw ApiException.badRequest("type", "unknown channel type \"" + r.type() + "\"; known: " + String.join(", ", factory.channelTypes()));
        }
        Map<String, String> settings = new HashMap<>();
        Map<String, String> secrets = new HashMap<>(storedSecrets);
        Map<String, String> given = new HashMap<>();
        if (r.settings() != null) {
            given.putAll(r.settings());
        }
        if (r.secrets() != null) {
            given.putAll(r.secrets());
        }
        given.forEach((k, v) -> {
            if (factory.isSecret(r.type(), k)) {
                if (v == null || v.isEmpty()) {
                    secrets.remove(k);
                } else {
                    secrets.put(k, v);
                }
            } else if (v != null) {
                settings.put(k, v);
            }
        });
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(secrets);
        try {
            factory.create(r.type(), all);
        } catch (NotifierConfigException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "settings", e.getMessage());
        }
        List<String> events = new ArrayList<>();
        if (r.events() == null) {
            for (EventType t : EventType.values()) {
                if (t.defaultEnabled()) {
                    events.add(t.key());
                }
            }
        } else {
            for (String e : r.events()) {
                try {
                    events.add(EventType.valueOf(e.toUpperCase(Locale.ROOT)).key());
                } catch (IllegalArgumentException unknown) {
                    List<String> known = new ArrayList<>();
                    for (EventType t : EventType.values()) {
                        known.add(t.key());
                    }
                    throw ApiException.badRequest("events", "unknown event \"" + e + "\"; known: " + String.join(", ", known));
                }
            }
        }
        return new Checked(r.type(), settings, secrets, events);
    }

    private void close(long id) {
        NotificationDispatcher d = dispatchers.remove(id);
        if (d != null) {
            d.close();
        }
    }

    @Override
    public void destroy() {
        dispatchers.keySet().forEach(this::close);
    }

    /** For links in messages: where the UI of this server is. */
    static URI link(String base, String path) {
        return base == null || base.isEmpty() ? null : URI.create(base.replaceAll("/+$", "") + path);
    }
}
