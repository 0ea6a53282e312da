package io.tusk.pipeline.backup;

import io.tusk.TuskException;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The complete backups in a storage: those with a manifest. Archive objects without one (an upload that failed,
 * a run still going) are never listed.
 */
public final class BackupCatalog {
    static final String MANIFEST_SUFFIX = ".json";

    private BackupCatalog() {
    }

    /** The backups of {@code database} (null: of all databases), oldest first. */
    public static List<BackupManifest> list(Storage storage, String database) throws IOException {
        List<BackupManifest> backups = new ArrayList<>();
        for (String key : storage.list(database == null ? "" : folder(database) + "/")) {
            if (key.endsWith(MANIFEST_SUFFIX) && key.indexOf('/') > 0 && key.indexOf('/') == key.lastIndexOf('/')) {
                backups.add(read(storage, key));
            }
        }
        backups.sort(Comparator.comparing(BackupManifest::startedAt).thenComparing(BackupManifest::backupId));
        return backups;
    }

    /** The backup with this id, in any database. */
    public static BackupManifest find(Storage storage, String backupId) throws IOException {
        for (BackupManifest m : list(storage, null)) {
            if (m.backupId().equals(backupId)) {
                return m;
            }
        }
        throw new TuskException("no backup \"" + backupId + "\" at " + storage.location()
                + " (only backups with a manifest count; list them with: tusk backups --at URL)");
    }

    /**
     * Deletes the garbage of failed runs in {@code database}'s folder: archive objects ({@code ID.dump},
     * {@code ID.dump.enc}) that have no manifest {@code ID.json} and were last modified before {@code olderThan},
     * and the storage's abandoned partial uploads of that age. The grace period keeps a backup that is running now
     * (its object is written before its manifest) out of reach. Other objects are never touched.
     *
     * @return the keys of the objects deleted
     */
    public static List<String> removeGarbage(Storage storage, String database, Instant olderThan) throws IOException {
        List<String> deleted = removeOrphanArchives(storage, database, olderThan);
        storage.removeAbandonedUploads(olderThan);
        return deleted;
    }

    /**
     * The first half of {@link #removeGarbage}: only the archive objects without a manifest in {@code database}'s
     * folder, so a caller that knows no backup of that database runs now (a server restarted after its run died)
     * can clean them at once without touching other databases' uploads in progress.
     */
    public static List<String> removeOrphanArchives(Storage storage, String database, Instant olderThan) throws IOException {
        String folder = folder(database) + "/";
        List<String> keys = storage.list(folder);
        Set<String> manifested = new HashSet<>();
        for (String key : keys) {
            if (key.endsWith(MANIFEST_SUFFIX)) {
                manifested.add(key.substring(0, key.length() - MANIFEST_SUFFIX.length()));
            }
        }
        List<String> deleted = new ArrayList<>();
        for (String key : keys) {
            String id = key.endsWith(".dump") ? key.substring(0, key.length() - ".dump".length())
                    : key.endsWith(".dump.enc") ? key.substring(0, key.length() - ".dump.enc".length()) : null;
            if (id == null || manifested.contains(id) || id.indexOf('/', folder.length()) >= 0) {
                continue;
            }
            Optional<StoredObject> stat = storage.stat(key);
            if (stat.isPresent() && stat.get().lastModified().isBefore(olderThan)) {
                storage.delete(key);
                deleted.add(key);
            }
        }
        return deleted;
    }

    static BackupManifest read(Storage storage, String key) throws IOException {
        try (InputStream in = storage.get(key)) {
            return BackupManifest.fromJson(in.readAllBytes(), storage.location() + key);
        }
    }

    public static String manifestKey(String database, String backupId) {
        return folder(database) + "/" + backupId + MANIFEST_SUFFIX;
    }

    /** The database's folder: its name, with '%' and '/' (legal in database names) percent-encoded. */
    static String folder(String database) {
        return database.replace("%", "%25").replace("/", "%2F");
    }
}
