package io.tusk.server.notify;

import io.tusk.notify.ChannelTest;
import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
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
    private final Access access;
    private final AuditLog audit;

    NotifierController(NotificationService notifications, Access access, AuditLog audit) {
        this.notifications = notifications;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/api/v1/notifiers")
    List<NotifierView> list() {
        var visible = access.workspaces(Role.VIEWER);
        return notifications.repository().list().stream().filter(n -> visible.contains(n.workspaceId())).toList();
    }

    @GetMapping("/api/v1/notifiers/{id}")
    NotifierView get(@PathVariable long id) {
        access.notifier(id, Role.VIEWER);
        return notifications.repository().get(id);
    }

    @PostMapping("/api/v1/notifiers")
    @ResponseStatus(HttpStatus.CREATED)
    NotifierView create(@RequestBody NotifierRequest request) {
        long workspace = access.workspaceForNew(request.workspaceId(), Role.ADMIN);
        NotifierView created = notifications.create(request, workspace);
        audit.record("notifier.create", "notifier " + created.id() + " (" + created.name() + ")", workspace, null, AuditLog.OK);
        return created;
    }

    @PutMapping("/api/v1/notifiers/{id}")
    NotifierView update(@PathVariable long id, @RequestBody NotifierRequest request) {
        long workspace = access.notifier(id, Role.ADMIN);
        NotifierView updated = notifications.update(id, request);
        audit.record("notifier.update", "notifier " + id + " (" + updated.name() + ")", workspace, null, AuditLog.OK);
        return updated;
    }

    @DeleteMapping("/api/v1/notifiers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        long workspace = access.notifier(id, Role.ADMIN);
        notifications.delete(id);
        audit.record("notifier.delete", "notifier " + id, workspace, null, AuditLog.OK);
    }

    /** Sends a test message now and answers whether it arrived (200 either way: the outcome is the answer). */
    @PostMapping("/api/v1/notifiers/{id}/test")
    ChannelTest.Result test(@PathVariable long id) {
        access.notifier(id, Role.ADMIN);
        return notifications.test(id);
    }

    @GetMapping("/api/v1/notifiers/{id}/deliveries")
    List<DeliveryRecord> deliveries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        access.notifier(id, Role.VIEWER);
        return notifications.repository().deliveries(id, limit);
    }

    @GetMapping("/api/v1/databases/{id}/notifiers")
    Map<String, List<Long>> chosen(@PathVariable long id) {
        access.database(id, Role.VIEWER);
        return Map.of("notifierIds", notifications.repository().chosenBy(id));
    }

    /** The database's own channels, all of its workspace; an empty list means the workspace's default channels. */
    @PutMapping("/api/v1/databases/{id}/notifiers")
    Map<String, List<Long>> choose(@PathVariable long id, @RequestBody Map<String, List<Long>> body) {
        long workspace = access.database(id, Role.ADMIN);
        List<Long> ids = body.getOrDefault("notifierIds", List.of());
        for (Long n : ids) {
            notifications.repository().find(n)
                    .filter(v -> v.workspaceId() == workspace)
                    .orElseThrow(() -> ApiException.badRequest("notifierIds", "no notifier with id " + n + " in the database's workspace"));
        }
        notifications.repository().choose(id, ids);
        audit.record("database.notifiers", "database " + id, workspace, "channels " + ids, AuditLog.OK);
        return Map.of("notifierIds", notifications.repository().chosenBy(id));
    }
}
