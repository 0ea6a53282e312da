package io.tusk.server.notify;

import io.tusk.notify.ChannelTest;
import io.tusk.server.database.DatabaseRepository;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotifierController {
    private final NotificationService notifications;
    private final DatabaseRepository databases;

    NotifierController(NotificationService notifications, DatabaseRepository databases) {
        this.notifications = notifications;
        this.databases = databases;
    }

    @GetMapping("/api/v1/notifiers")
    List<NotifierView> list() {
        return notifications.repository().list();
    }

    @GetMapping("/api/v1/notifiers/{id}")
    NotifierView get(@PathVariable long id) {
        return notifications.repository().get(id);
    }

    @PostMapping("/api/v1/notifiers")
    @ResponseStatus(HttpStatus.CREATED)
    NotifierView create(@RequestBody NotifierRequest request) {
        return notifications.create(request);
    }

    @PutMapping("/api/v1/notifiers/{id}")
    NotifierView update(@PathVariable long id, @RequestBody NotifierRequest request) {
        return notifications.update(id, request);
    }

    @DeleteMapping("/api/v1/notifiers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        notifications.delete(id);
    }

    /** Sends a test message now and answers whether it arrived (200 either way: the outcome is the answer). */
    @PostMapping("/api/v1/notifiers/{id}/test")
    ChannelTest.Result test(@PathVariable long id) {
        return notifications.test(id);
    }

    @GetMapping("/api/v1/notifiers/{id}/deliveries")
    List<DeliveryRecord> deliveries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        notifications.repository().get(id);
        return notifications.repository().deliveries(id, limit);
    }

    @GetMapping("/api/v1/databases/{id}/notifiers")
    Map<String, List<Long>> chosen(@PathVariable long id) {
        databases.get(id);
        return Map.of("notifierIds", notifications.repository().chosenBy(id));
    }

    /** The database's own channels; an empty list means the default channels. */
    @PutMapping("/api/v1/databases/{id}/notifiers")
    Map<String, List<Long>> choose(@PathVariable long id, @RequestBody Map<String, List<Long>> body) {
        databases.get(id);
        List<Long> ids = body.getOrDefault("notifierIds", List.of());
        for (Long n : ids) {
            notifications.repository().find(n).orElseThrow(() -> io.tusk.server.api.ApiException.badRequest("notifierIds", "no notifier with id " + n));
        }
        notifications.repository().choose(id, ids);
        return Map.of("notifierIds", notifications.repository().chosenBy(id));
    }
}
