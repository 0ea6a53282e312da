package io.tusk.server.storage;

import io.tusk.server.audit.AuditLog;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Viewers read (never the secrets, which no one reads back), admins configure; each only in their workspaces. */
@RestController
@RequestMapping("/api/v1/storages")
class StorageController {
    private final StorageService storages;
    private final Access access;
    private final AuditLog audit;

    StorageController(StorageService storages, Access access, AuditLog audit) {
        this.storages = storages;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    List<StorageConfig> list() {
        var visible = access.workspaces(Role.VIEWER);
        return storages.repository().list().stream().filter(s -> visible.contains(s.workspaceId())).toList();
    }

    @GetMapping("/{id}")
    StorageConfig get(@PathVariable long id) {
        access.storage(id, Role.VIEWER);
        return storages.repository().get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StorageConfig create(@RequestBody StorageRequest request) {
        long workspace = access.workspaceForNew(request.workspaceId(), Role.ADMIN);
        StorageConfig created = storages.create(request, workspace);
        audit.record("storage.create", "storage " + created.id() + " (" + created.name() + ")", workspace, null, AuditLog.OK);
        return created;
    }

    @PutMapping("/{id}")
    StorageConfig update(@PathVariable long id, @RequestBody StorageRequest request) {
        long workspace = access.storage(id, Role.ADMIN);
        StorageConfig updated = storages.update(id, request);
        audit.record("storage.update", "storage " + id + " (" + updated.name() + ")", workspace,
                request.secretsOrEmpty().isEmpty() ? null : "secrets changed: " + String.join(", ", request.secretsOrEmpty().keySet()), AuditLog.OK);
        return updated;
    }

    @PostMapping("/{id}/test")
    StorageConfig test(@PathVariable long id) {
        access.storage(id, Role.ADMIN);
        storages.test(id);
        return storages.repository().get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        long workspace = access.storage(id, Role.ADMIN);
        StorageConfig s = storages.repository().get(id);
        storages.repository().delete(id);
        audit.record("storage.delete", "storage " + id + " (" + s.name() + ")", workspace, null, AuditLog.OK);
    }
}
