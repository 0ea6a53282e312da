package io.tusk.pipeline.backup;

import io.tusk.TuskException;
import io.tusk.pipeline.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
