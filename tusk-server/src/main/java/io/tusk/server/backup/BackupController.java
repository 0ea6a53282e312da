package io.tusk.server.backup;

import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupReader;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.retention.RetentionPlanner;
import io.tusk.server.retention.RetentionPolicy;
import io.tusk.server.retention.RetentionService;
import io.tusk.server.run.RunRepository;
import io.tusk.server.storage.StorageService;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Viewers list backups; operators download them (audited); admins delete them (audited). */
@RestController
class BackupController {
    private final BackupRepository backups;
    private final DatabaseRepository databases;
    private final StorageService storages;
    private final RetentionService retention;
    private final RunRepository runs;
    private final Access access;
    private final AuditLog audit;

    BackupController(BackupRepository backups, DatabaseRepository databases, StorageService storages,
                     RetentionService retention, RunRepository runs, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.backups = backups;
        this.databases = databases;
        this.storages = storages;
        this.retention = retention;
        this.runs = runs;
    }

    @GetMapping("/api/v1/backups")
    List<BackupRecord> list(@RequestParam(required = false) Long databaseId) {
        if (databaseId != null) {
            access.database(databaseId, Role.VIEWER);
            return backups.list(databaseId);
        }
        var visible = access.workspaces(Role.VIEWER);
        return backups.list(null).stream().filter(b -> visible.contains(access.workspaceOfDatabase(b.databaseId()))).toList();
    }

    @GetMapping("/api/v1/backups/{id}")
    BackupRecord get(@PathVariable String id) {
        access.backup(id, Role.VIEWER);
        return backups.get(id);
    }

    @DeleteMapping("/api/v1/backups/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) throws IOException {
        long workspace = access.backup(id, Role.ADMIN);
        BackupRecord b = backups.get(id);
        if (runs.backupsInUse().contains(id)) {
            throw ApiException.conflict("backup " + id + " is being restored: delete it once the restore has ended");
        }
        try (Storage storage = storages.open(b.storageId())) {
            retention.delete(storage, b);
        }
        audit.record("backup.delete", "backup " + id + " of database " + b.databaseId(), workspace, null, AuditLog.OK);
    }

    /**
     * The backup as a plain pg_dump custom archive (decrypted, checked against its digest as it streams), or
     * {@code ?stored=true} as it is stored. A backup that fails its check ends the download with an error, so a
     * client never gets a complete-looking damaged archive.
     */
    @GetMapping("/api/v1/backups/{id}/download")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String id, @RequestParam(defaultValue = "false") boolean stored) {
        long workspace = access.backup(id, Role.OPERATOR);
        BackupRecord b = backups.get(id);
        audit.record("backup.download", "backup " + id + " of database " + b.databaseId(), workspace,
                stored ? "as stored" : "decrypted", AuditLog.OK);
        RegisteredDatabase db = databases.get(b.databaseId());
        String name = db.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + b.backupId() + (stored && b.encrypted() ? ".dump.enc" : ".dump");
        StreamingResponseBody body = out -> {
            try (Storage storage = storages.open(b.storageId())) {
                if (stored) {
                    try (InputStream in = storage.get(b.objectKey())) {
                        in.transferTo(out);
                    }
                } else {
                    BackupManifest manifest = BackupCatalog.find(storage, b.backupId());
                    BackupKey key = b.encrypted() ? BackupKey.of(databases.backupKey(db.id())) : null;
                    new BackupReader(storage, key).copyTo(manifest, out);
                }
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(body);
    }

    /**
     * Reads the backup back from its storage in full and checks it without a database: size and SHA-256 against the
     * manifest, decryption, every data block of the archive. The outcome is kept on the backup.
     */
    @PostMapping("/api/v1/backups/{id}/verify")
    BackupRecord verify(@PathVariable String id) throws IOException {
        long workspace = access.backup(id, Role.OPERATOR);
        BackupRecord b = backups.get(id);
        RegisteredDatabase db = databases.get(b.databaseId());
        String error = null;
        try (Storage storage = storages.open(b.storageId())) {
            BackupManifest manifest = BackupCatalog.find(storage, b.backupId());
            BackupKey key = b.encrypted() ? BackupKey.of(databases.backupKey(db.id())) : null;
            new BackupReader(storage, key).verify(manifest);
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        backups.verified(id, java.time.Instant.now(), error);
        audit.record("backup.verify", "backup " + id + " of database " + b.databaseId(), workspace, error, error == null ? AuditLog.OK : AuditLog.FAILED);
        return backups.get(id);
    }

    /** What a retention policy (the database's, or the one posted) would delete now. */
    @PostMapping("/api/v1/databases/{id}/retention/preview")
    RetentionPlanner.Plan preview(@PathVariable long id, @RequestBody(required = false) RetentionPolicy policy) {
        access.database(id, Role.VIEWER);
        RegisteredDatabase db = databases.get(id);
        return retention.preview(db, policy == null ? db.retention() : policy.validated());
    }
}
