package io.tusk.pipeline.backup;

import io.tusk.pipeline.crypto.BackupEncryption;
import io.tusk.pipeline.crypto.BackupIntegrityException;
import io.tusk.pipeline.crypto.BackupIntegrityException.Kind;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StoredObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A backup's archive read back from its storage: the stored bytes are counted and digested as they stream, decrypted
 * when the backup is encrypted, and checked against the manifest when the work is done or has failed, so that
 * a truncated or altered object is reported as such whatever stage noticed something first.
 */
final class StoredBackup {
    private final Storage storage;
    private final BackupManifest manifest;
    private final BackupKey key;

    StoredBackup(Storage storage, BackupManifest manifest, BackupKey key) {
        this.storage = storage;
        this.manifest = manifest;
        this.key = key;
    }

    interface Work<T> {
        T run(InputStream archiveSource) throws IOException;
    }

    /**
     * Runs {@code work} on the plain archive, then reads the rest of it (so the last encrypted segment is
     * authenticated) and checks size and digest. An integrity failure wins over the error the work ran into.
     */
    <T> T read(Work<T> work) throws IOException {
        if (manifest.encrypted() && key == null) {
            throw new BackupIntegrityException(Kind.KEY_REQUIRED, "backup " + manifest.backupId() + " is encrypted (key id "
                    + manifest.keyId() + "): give its key with --key-file or its passphrase with --passphrase-env");
        }
        Optional<StoredObject> stat = storage.stat(manifest.object());
        if (stat.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(storage.location() + manifest.object(), null,
                    "backup " + manifest.backupId() + " has a manifest but its archive object is missing");
        }
        if (stat.get().size() < manifest.storedBytes()) {
            throw truncated(stat.get().size());
        }
        try (DigestingInputStream stored = new DigestingInputStream(storage.get(manifest.object()))) {
            DigestingInputStream plain = null;
            try {
                InputStream buffered = new BufferedInputStream(stored, 1 << 16);
                plain = new DigestingInputStream(manifest.encrypted() ? BackupEncryption.newDecryptingStream(buffered, key) : buffered);
                T result = work.run(plain);
                plain.drain();
                stored.drain();
                checkStored(stored);
                if (plain.count() != manifest.archiveBytes()) {
                    throw new BackupIntegrityException(Kind.ALTERED, "backup " + manifest.backupId() + " decrypts to "
                            + plain.count() + " archive bytes, but its manifest records " + manifest.archiveBytes());
                }
                return result;
            } catch (IOException | RuntimeException e) {
                try {
                    stored.drain();
                    checkStored(stored);
                } catch (BackupIntegrityException integrity) {
                    integrity.addSuppressed(e);
                    throw integrity;
                } catch (IOException | RuntimeException ignored) {
                    e.addSuppressed(ignored);
                }
                throw e;
            }
        }
    }

    private void checkStored(DigestingInputStream stored) {
        if (stored.count() < manifest.storedBytes()) {
            throw truncated(stored.count());
        }
        if (stored.count() > manifest.storedBytes()) {
            throw new BackupIntegrityException(Kind.ALTERED, "backup " + manifest.backupId() + " was altered: its object "
                    + manifest.object() + " has " + stored.count() + " bytes, more than the " + manifest.storedBytes()
                    + " its manifest records");
        }
        String digest = stored.hexDigest();
        if (!digest.equals(manifest.sha256())) {
            throw new BackupIntegrityException(Kind.ALTERED, "backup " + manifest.backupId() + " was altered: the SHA-256 of its object "
                    + manifest.object() + " is " + digest + ", its manifest records " + manifest.sha256());
        }
    }

    private BackupIntegrityException truncated(long size) {
        return new BackupIntegrityException(Kind.TRUNCATED, "backup " + manifest.backupId() + " is truncated: its object "
                + manifest.object() + " has " + size + " bytes, its manifest records " + manifest.storedBytes());
    }
}
