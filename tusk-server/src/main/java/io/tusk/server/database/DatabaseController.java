package io.tusk.server.database;

import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import java.util.HexFormat;
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

/** Viewers read, admins configure, owners export backup keys; each only in their own workspaces. */
@RestController
@RequestMapping("/api/v1/databases")
class DatabaseController {
    private final DatabaseService databases;
    private final Access access;
    private final AuditLog audit;

    DatabaseController(DatabaseService databases, Access access, AuditLog audit) {
        this.databases = databases;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    List<RegisteredDatabase> list() {
        var visible = access.workspaces(Role.VIEWER);
        return databases.repository().list().stream().filter(d -> visible.contains(d.workspaceId())).toList();
    }

    @GetMapping("/{id}")
    RegisteredDatabase get(@PathVariable long id) {
        access.database(id, Role.VIEWER);
        return databases.repository().get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RegisteredDatabase create(@RequestBody DatabaseRequest request) {
        long workspace = access.workspaceForNew(request.workspaceId(), Role.ADMIN);
        RegisteredDatabase created = databases.create(request, workspace);
        audit.record("database.create", "database " + created.id() + " (" + created.name() + ")", workspace, null, AuditLog.OK);
        return created;
    }

    @PutMapping("/{id}")
    RegisteredDatabase update(@PathVariable long id, @RequestBody DatabaseRequest request) {
        long workspace = access.database(id, Role.ADMIN);
        RegisteredDatabase updated = databases.update(id, request);
        audit.record("database.update", "database " + id + " (" + updated.name() + ")", workspace,
                request.password() == null ? null : "password changed", AuditLog.OK);
        return updated;
    }

    @PostMapping("/{id}/test")
    RegisteredDatabase test(@PathVariable long id) {
        access.database(id, Role.ADMIN);
        return databases.test(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        long workspace = access.database(id, Role.ADMIN);
        RegisteredDatabase d = databases.repository().get(id);
        databases.repository().delete(id);
        audit.record("database.delete", "database " + id + " (" + d.name() + ")", workspace, null, AuditLog.OK);
    }

    /**
     * The database's backup key, 64 hex digits, for {@code tusk download --key-file}: the way to decrypt its
     * backups without this server (after losing the master key, say). Owners only, and audited.
     */
    /** The key in hex; printed without it, since Spring MVC logs response bodies at DEBUG. */
    record ExportedKey(long databaseId, String key) {
        @Override
        public String toString() {
            return "ExportedKey[databaseId=" + databaseId + "]";
        }
    }

    @GetMapping("/{id}/key")
    ExportedKey exportKey(@PathVariable long id) {
        long workspace = access.database(id, Role.OWNER);
        RegisteredDatabase d = databases.repository().get(id);
        byte[] key = databases.repository().backupKey(id);
        if (key == null) {
            throw ApiException.conflict("the database \"" + d.name() + "\" has no backup key: its backups are not encrypted");
        }
        audit.record("key.export", "database " + id + " (" + d.name() + ")", workspace, null, AuditLog.OK);
        return new ExportedKey(id, HexFormat.of().formatHex(key));
    }
}
