package io.tusk.server.secret;

import io.tusk.TuskException;
import io.tusk.server.DataDirectory;
import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotates the master key in {@code master.key} while the server runs: a new key is written beside it as
 * {@code master.key.next}, every secret is re-encrypted under it in one transaction, and only then does it
 * replace {@code master.key}. Owners of the default workspace only. A key from {@code TUSK_MASTER_KEY} is the
 * operator's to change: this refuses, and says how.
 */
@RestController
class MasterKeyRotationController {
    private static final long DEFAULT_WORKSPACE = 1;
    private final SecretBox box;
    private final SecretRotation rotation;
    private final DataDirectory dataDirectory;
    private final Access access;
    private final AuditLog audit;

    MasterKeyRotationController(SecretBox box, SecretRotation rotation, DataDirectory dataDirectory, Access access, AuditLog audit) {
        this.box = box;
        this.rotation = rotation;
        this.dataDirectory = dataDirectory;
        this.access = access;
        this.audit = audit;
    }

    @PostMapping("/api/v1/admin/rotate-master-key")
    synchronized Map<String, Object> rotate() throws IOException {
        access.require(DEFAULT_WORKSPACE, Role.OWNER, "workspace", DEFAULT_WORKSPACE);
        MasterKey old = box.masterKey();
        if (old.fromEnvironment()) {
            throw ApiException.conflict("the master key comes from TUSK_MASTER_KEY: set it to a new key (openssl rand -hex 32)"
                    + " and restart the server with --tusk.rotate-master-key-from=<the old key>");
        }
        Path keyFile = dataDirectory.root().resolve("master.key");
        Path next = dataDirectory.root().resolve("master.key.next");
        MasterKey fresh = MasterKey.generate(keyFile.toString());
        fresh.writeTo(next);
        box.useKey(fresh, old);
        int rotated;
        try {
            rotated = rotation.rotate(old, fresh);
        } catch (RuntimeException e) {
            box.useKey(old, null);
            Files.deleteIfExists(next);
            audit.record("master-key.rotate", "master key", null, e.getMessage(), AuditLog.FAILED);
            throw e instanceof TuskException t ? t : new TuskException("the master key rotation failed, nothing was changed: " + e.getMessage(), e);
        }
        Files.move(next, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        audit.record("master-key.rotate", "master key", null, rotated + " secrets re-encrypted", AuditLog.OK);
        return Map.of("reencrypted", rotated, "keyFile", keyFile.toString());
    }
}
