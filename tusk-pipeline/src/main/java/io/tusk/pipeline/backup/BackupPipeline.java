package io.tusk.pipeline.backup;

import io.tusk.TuskException;
import io.tusk.archive.Compression;
import io.tusk.dump.DumpListener;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.pipeline.crypto.BackupEncryption;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUpload;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One backup: the database is dumped as a custom archive (zstd by default), optionally encrypted, SHA-256-digested
 * and streamed into the storage as {@code <database>/<backupId>.dump[.enc]}; then the manifest
 * {@code <database>/<backupId>.json} is written. Nothing is held in memory or on local disk beyond one upload part.
 *
 * <p>A failure anywhere (dump, encryption, upload) aborts the upload and writes no manifest, so a failed run leaves
 * no backup that {@link BackupCatalog#list} shows. If the manifest itself cannot be written, the archive object is
 * deleted (best effort).
 *
 * <p>Each run first removes, best effort, the garbage that killed runs left in the database's folder and is older
 * than {@link #GARBAGE_GRACE} (see {@link BackupCatalog#removeGarbage}).
 */
public final class BackupPipeline {
    public static final Compression DEFAULT_COMPRESSION = Compression.parse("zstd");
    public static final String TUSK_VERSION = "0.1.0";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How old garbage must be before a backup run removes it: longer than any backup runs, since an S3 multipart
     * upload keeps the time it started, and a running backup's object exists a moment before its manifest.
     */
    public static final Duration GARBAGE_GRACE = Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(BackupPipeline.class.getName());

    private final Storage storage;
    private final Clock clock;

    public BackupPipeline(Storage storage) {
        this(storage, Clock.systemUTC());
    }

    public BackupPipeline(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Backs up the database {@code connection} is on. The connection is used for the dump's transaction and left open.
     *
     * @param sourceHost  "host:port" for the manifest
     * @param compression null for {@link #DEFAULT_COMPRESSION}
     * @param key         null for no encryption
     * @return the manifest written
     */
    public BackupManifest backup(Connection connection, String sourceHost, Compression compression, BackupKey key) throws IOException {
        return backup(connection, sourceHost, compression, key, new DumpOptions());
    }

    /**
     * As {@link #backup(Connection, String, Compression, BackupKey)}, dumping what {@code selection} selects (its
     * table and schema patterns, sections, lock timeout) and reporting progress to its listener. Its format and
     * compression are the pipeline's: a backup is always a custom archive.
     */
    public BackupManifest backup(Connection connection, String sourceHost, Compression compression, BackupKey key,
                                 DumpOptions selection) throws IOException {
        return backup(connection, null, sourceHost, compression, key, selection);
    }

    /**
     * As {@link #backup(Connection, String, Compression, BackupKey, DumpOptions)}; with {@code selection.jobs > 1} the
     * table data is copied by that many connections from {@code workers} at once (large tables split among them,
     * see {@code tusk dump -j}), still into one custom archive in table-of-contents order.
     */
    public BackupManifest backup(Connection connection, Dumper.ConnectionSource workers, String sourceHost, Compression compression,
                                 BackupKey key, DumpOptions selection) throws IOException {
        if (selection.jobs > 1 && workers == null) {
            throw new IllegalArgumentException("a backup with " + selection.jobs + " jobs needs a source of worker connections");
        }
        Instant started = clock.instant();
        String database;
        String serverVersion;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_database(), current_setting('server_version')")) {
            r.next();
            database = r.getString(1);
            serverVersion = r.getString(2);
        } catch (SQLException e) {
            throw new TuskException("could not read the database name and server version: " + e.getMessage(), e);
        }
        Compression codec = compression == null ? DEFAULT_COMPRESSION : compression;
        String backupId = ID_TIME.format(started) + "-" + String.format("%04x", RANDOM.nextInt(1 << 16));
        String folder = BackupCatalog.folder(database);
        String objectKey = folder + "/" + backupId + (key == null ? ".dump" : ".dump.enc");
        removeGarbage(database, started);

        // workers report the tables they copy at once
        Map<String, Long> tableRows = java.util.Collections.synchronizedMap(new TreeMap<>());
        Map<String, Long> tableBytes = java.util.Collections.synchronizedMap(new TreeMap<>());
        DumpOptions options = selection;
        options.format = DumpOptions.Format.CUSTOM;
        options.file = null;
        options.compression = codec;
        DumpListener progress = selection.listener;
        options.listener = new DumpListener() {
            @Override
            public void objectWritten(String desc, String name) {
                progress.objectWritten(desc, name);
            }

            @Override
            public void tableStarted(String qualifiedName, long estimatedRows, long estimatedBytes) {
                progress.tableStarted(qualifiedName, estimatedRows, estimatedBytes);
            }

            @Override
            public void tableProgress(String qualifiedName, long rows, long bytes, boolean done) {
                if (done) {
                    tableRows.merge(qualifiedName, rows, Long::sum);
                    tableBytes.merge(qualifiedName, bytes, Long::sum);
                }
                progress.tableProgress(qualifiedName, rows, bytes, done);
            }

            @Override
            public void message(String text) {
                progress.message(text);
            }
        };

        StorageUpload upload = storage.create(objectKey);
        DigestingOutputStream stored;
        DigestingOutputStream plain;
        String keyId = null;
        try {
            stored = new DigestingOutputStream(new BufferedOutputStream(upload, 1 << 16));
            OutputStream archiveSink = stored;
            if (key != null) {
                BackupEncryption.Encrypting encrypting = BackupEncryption.newEncryptingStream(stored, key);
                archiveSink = encrypting.plaintextSink();
                keyId = encrypting.keyId();
            }
            plain = new DigestingOutputStream(archiveSink);
            new Dumper(options).dump(connection, workers, plain);
            plain.flush();
            // closing the encrypting stream writes the last segment; the digesting streams leave the upload open
            archiveSink.close();
            stored.flush();
            upload.close();
        } catch (IOException e) {
            upload.abort();
            if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw new TuskException("the storage " + storage.location() + " ran out of space while writing " + objectKey
                        + " (" + e.getMessage() + "): the partial backup was removed and earlier backups are untouched;"
                        + " free space there or choose another storage", e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            upload.abort();
            throw e;
        }

        BackupManifest manifest = new BackupManifest(BackupManifest.VERSION, backupId, database, objectKey, sourceHost,
                serverVersion, "custom", describe(codec), key != null, keyId,
                key == null ? null : key.isPassphrase() ? "passphrase" : "key-file",
                plain.count(), stored.count(), stored.hexDigest(), new TreeMap<>(tableRows), started.toString(), clock.instant().toString(),
                TUSK_VERSION, new TreeMap<>(tableBytes));
        try {
            storage.put(BackupCatalog.manifestKey(database, backupId), manifest.toJson());
        } catch (IOException | RuntimeException e) {
            try {
                storage.delete(objectKey);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return manifest;
    }

    /** Best effort: a storage that cannot clean up must not stop the backup; the next run tries again. */
    private void removeGarbage(String database, Instant now) {
        try {
            for (String key : BackupCatalog.removeGarbage(storage, database, now.minus(GARBAGE_GRACE))) {
                LOG.log(System.Logger.Level.INFO, "removed {0}{1}: an archive without a manifest, left by a failed run", storage.location(), key);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the garbage of failed runs at " + storage.location()
                    + " (the next backup tries again): " + e.getMessage());
        }
    }

    static String describe(Compression c) {
        String name = c.algorithm().name().toLowerCase(Locale.ROOT);
        return c.isNone() || c.level() < 0 ? name : name + ":" + c.level();
    }
}
