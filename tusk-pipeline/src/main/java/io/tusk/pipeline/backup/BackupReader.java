package io.tusk.pipeline.backup;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.restore.DatabaseTarget;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;

/** Reads complete backups back: verify without a database, restore into one, or download the plain archive. */
public final class BackupReader {
    private final Storage storage;
    private final BackupKey key;

    /** @param key null for unencrypted backups */
    public BackupReader(Storage storage, BackupKey key) {
        this.storage = storage;
        this.key = key;
    }

    /** What {@link #verify} read. */
    public record VerifyReport(BackupManifest manifest, int entries, int dataEntries, long dataBytes) {
    }

    /**
     * Re-reads the stored object, checks its size and SHA-256 against the manifest, decrypts it, opens the archive
     * and reads every data block to its end (decompressing it), without a database.
     *
     * @throws io.tusk.pipeline.crypto.BackupIntegrityException when the object is truncated, altered, or the key is wrong
     */
    public VerifyReport verify(BackupManifest manifest) throws IOException {
        return new StoredBackup(storage, manifest, key).read(archiveSource -> {
            ArchiveReader archive = Archives.open(new KeepOpen(archiveSource));
            int data = 0;
            long bytes = 0;
            byte[] buffer = new byte[1 << 16];
            for (ArchiveEntry entry : archive.entries()) {
                if (entry.isData()) {
                    data++;
                    try (InputStream rows = archive.openData(entry)) {
                        for (int n; (n = rows.read(buffer)) >= 0; ) {
                            bytes += n;
                        }
                    }
                }
            }
            int entries = archive.entries().size();
            archive.close();
            return new VerifyReport(manifest, entries, data, bytes);
        });
    }

    /**
     * Restores the backup into the database {@code connection} is on, streaming it from the storage (one job:
     * a stream is read front to back). Returns the number of errors ignored, as {@link Restorer#toDatabase} does.
     */
    public int restore(BackupManifest manifest, RestoreOptions options, Connection connection,
                       DatabaseTarget.Reconnector reconnector, PrintStream errors, String program) throws IOException {
        return new StoredBackup(storage, manifest, key).read(archiveSource -> {
            try (ArchiveReader archive = Archives.open(new KeepOpen(archiveSource))) {
                return Restorer.toDatabase(archive, options, connection, reconnector, errors, program);
            }
        });
    }

    /**
     * Writes the plain (decrypted) archive to {@code target}, through a temporary file renamed once the backup
     * has been checked, so {@code target} never holds a partial or unverified archive. Returns its size.
     */
    public long download(BackupManifest manifest, Path target) throws IOException {
        return io.tusk.archive.OutputFiles.write(target, sink -> {
            try (OutputStream out = sink) {
                return new StoredBackup(storage, manifest, key).read(archiveSource -> archiveSource.transferTo(out));
            }
        });
    }


    /**
     * Streams the plain (decrypted) archive into {@code archiveSink}, checked as it goes; a damaged backup fails
     * before its end is written. The sink is left open. Returns the bytes written.
     */
    public long copyTo(BackupManifest manifest, OutputStream archiveSink) throws IOException {
        return new StoredBackup(storage, manifest, key).read(archiveSource -> archiveSource.transferTo(archiveSink));
    }

    /** The archive reader may close its source; the stored backup still has to read the rest of it. */
    private static final class KeepOpen extends java.io.FilterInputStream {
        KeepOpen(InputStream source) {
            super(source);
        }

        @Override
        public void close() {
        }
    }
}
