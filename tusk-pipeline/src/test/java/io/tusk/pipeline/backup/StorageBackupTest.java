package io.tusk.pipeline.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.archive.Compression;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.restore.RestoreOptions;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.io.PrintStream;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pagila on PostgreSQL 15 backed up into a remote storage, listed, verified and restored identically; and a backup
 * whose connection is cut mid-upload leaves no backup, while the earlier one still restores. A subclass per storage
 * opens it and cuts its connection for real.
 */
abstract class StorageBackupTest {
    static final String SOURCE = "pagila";
    static EmbeddedPostgres pg;
    private static int databases;

    /** A storage over a fresh, empty location for this test. */
    abstract Storage openStorage() throws Exception;

    /** Breaks the connection of an upload in flight (stops the server, kills it, injects a fault). */
    abstract void cutConnection() throws Exception;

    /** Brings the server back after {@link #cutConnection()}; returns a storage on the same location. */
    abstract Storage reopenStorage() throws Exception;

    /** An upload must pass this many bytes before the cut, so it is really in flight. */
    long cutAfterBytes() {
        return 200_000;
    }

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.start(15);
        pg.createDatabase(SOURCE);
        SampleDatabases.loadPagila(pg, SOURCE);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldBackUpListVerifyAndRestoreIdentically() throws Exception {
        try (Storage storage = openStorage()) {
            BackupManifest m = backup(storage, null);
            assertThat(BackupCatalog.list(storage, SOURCE)).extracting(BackupManifest::backupId).containsExactly(m.backupId());
            assertThat(storage.list("")).containsExactly(m.object(), "pagila/" + m.backupId() + ".json");
            BackupReader reader = new BackupReader(storage, null);
            BackupReader.VerifyReport report = reader.verify(BackupCatalog.find(storage, m.backupId()));
            assertThat(report.dataEntries()).isGreaterThan(10);
            restoreAndCompare(reader, m);
        }
    }

    @Test
    void shouldLeaveNoBackupWhenTheConnectionIsCutMidUploadAndStillRestoreTheEarlierOne() throws Exception {
        BackupManifest good;
        try (Storage storage = openStorage()) {
            good = backup(storage, null);
            InterruptingStorage interrupted = new InterruptingStorage(storage, cutAfterBytes(), this::cutConnection);
            // no compression, so the archive is large enough to be cut in flight
            assertThatThrownBy(() -> backup(interrupted, Compression.NONE)).isInstanceOf(Exception.class);
            assertThat(interrupted.cutDone()).isTrue();
        }
        try (Storage storage = reopenStorage()) {
            assertThat(BackupCatalog.list(storage, null)).extracting(BackupManifest::backupId).containsExactly(good.backupId());
            assertThat(storage.list("")).containsExactly(good.object(), "pagila/" + good.backupId() + ".json");
            restoreAndCompare(new BackupReader(storage, null), BackupCatalog.find(storage, good.backupId()));
        }
    }

    static BackupManifest backup(Storage storage, Compression compression) throws Exception {
        try (Connection c = pg.connect(SOURCE)) {
            return new BackupPipeline(storage).backup(c, "127.0.0.1:" + pg.port(), compression, (BackupKey) null);
        }
    }

    static void restoreAndCompare(BackupReader reader, BackupManifest m) throws Exception {
        String target = "restored" + (++databases);
        pg.createDatabase(target);
        try (Connection c = pg.connect(target)) {
            int errors = reader.restore(m, new RestoreOptions(), c, db -> pg.connect(db), new PrintStream(System.err), "tusk restore");
            assertThat(errors).isZero();
        }
        DatabaseComparator.assertIdentical(pg, SOURCE, target);
    }
}
