package io.tusk.pipeline.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tusk.archive.Compression;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.pipeline.crypto.BackupIntegrityException;
import io.tusk.pipeline.crypto.BackupIntegrityException.Kind;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.S3ProxyServer;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import io.tusk.restore.RestoreOptions;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of pagila on PostgreSQL 15, through local and S3 storages, read back and restored. */
class BackupPipelineTest {
    private static final String SOURCE = "pagila";
    /** A row value of the sample pagila actor table (first_name 'First' || g). */
    private static final String ROW_VALUE = "First137";
    private static EmbeddedPostgres pg;
    private static S3ProxyServer s3;
    private static int databases;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start(15);
        pg.createDatabase(SOURCE);
        SampleDatabases.loadPagila(pg, SOURCE);
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldListOnlyCompleteBackupsAndRestoreAnEarlierOneAfterAFailedUpload() throws Exception {
        Storage storage = StorageUrls.open(dir.toUri().toString());
        BackupManifest first = backup(storage, null, null);
        assertThat(first.encrypted()).isFalse();
        assertThat(first.compression()).isEqualTo("zstd");
        assertThat(first.serverVersion()).startsWith("15.");
        assertThat(first.tableRows()).containsEntry("public.actor", 200L);
        assertThat(first.tableBytes()).containsOnlyKeys(first.tableRows().keySet());
        assertThat(first.tableBytes().get("public.actor")).isGreaterThan(200L * 10);
        assertThat(first.object()).isEqualTo("pagila/" + first.backupId() + ".dump");

        Storage failing = new FailingStorage(storage, /* failAfterBytes= */ 100_000);
        assertThatThrownBy(() -> backup(failing, null, null)).hasMessageContaining("simulated failure");

        assertThat(BackupCatalog.list(storage, SOURCE)).extracting(BackupManifest::backupId).containsExactly(first.backupId());
        assertThat(BackupCatalog.list(storage, null)).hasSize(1);
        assertThat(storage.list("")).containsExactly(first.object(), "pagila/" + first.backupId() + ".json");

        BackupReader reader = new BackupReader(storage, null);
        BackupReader.VerifyReport report = reader.verify(BackupCatalog.find(storage, first.backupId()));
        assertThat(report.dataEntries()).isGreaterThan(10);
        assertThat(report.dataBytes()).isPositive();
        restoreAndCompare(reader, first);
    }

    @Test
    void shouldRemoveOldArchivesWithoutAManifestAndOldPartialFilesButNothingElse() throws Exception {
        Storage storage = StorageUrls.open(dir.toUri().toString());
        BackupManifest kept = backup(storage, null, null);
        Path folder = dir.resolve(SOURCE);
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Path orphan = Files.write(folder.resolve("20240101T000000Z-dead.dump"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(orphan, twoDaysAgo);
        Path partial = Files.write(folder.resolve(".20240101T000000Z-beef.dump.123.partial"), new byte[] {4});
        Files.setLastModifiedTime(partial, twoDaysAgo);
        Path recent = Files.write(folder.resolve("20240101T000000Z-cafe.dump.enc"), new byte[] {5});
        Path unrelated = Files.write(folder.resolve("notes.txt"), new byte[] {6});
        Files.setLastModifiedTime(unrelated, twoDaysAgo);
        Files.setLastModifiedTime(dir.resolve(kept.object()), twoDaysAgo);

        BackupManifest next = backup(storage, null, null);

        assertThat(orphan).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(recent).exists();
        assertThat(unrelated).exists();
        assertThat(BackupCatalog.list(storage, SOURCE)).extracting(BackupManifest::backupId)
                .containsExactly(kept.backupId(), next.backupId());
        assertThat(new BackupReader(storage, null).verify(kept).dataEntries()).isPositive();
    }

    @Test
    void shouldBackUpEvenWhenGarbageCannotBeRemoved() throws Exception {
        Storage storage = StorageUrls.open(dir.toUri().toString());
        Storage refusingCleanup = new FailingStorage(storage, Long.MAX_VALUE) {
            @Override
            public java.util.List<String> list(String prefix) throws IOException {
                throw new IOException("simulated failure: listing refused");
            }
        };
        BackupManifest m = backup(refusingCleanup, null, null);
        assertThat(BackupCatalog.list(storage, SOURCE)).extracting(BackupManifest::backupId).containsExactly(m.backupId());
    }

    @Test
    void shouldBackUpEncryptedToS3AndRestoreIdentically() throws Exception {
        try (Storage storage = StorageUrls.open(s3.url("encrypted", ""))) {
            BackupKey key = BackupKey.fromPassphrase("pipeline test passphrase".toCharArray());
            BackupManifest m = backup(storage, Compression.NONE, key);
            assertThat(m.encrypted()).isTrue();
            assertThat(m.keyKind()).isEqualTo("passphrase");
            assertThat(m.keyId()).hasSize(16);
            assertThat(m.storedBytes()).isGreaterThan(m.archiveBytes());
            assertThat(BackupCatalog.list(storage, SOURCE)).extracting(BackupManifest::backupId).containsExactly(m.backupId());

            String stored = read(storage, m.object());
            assertThat(stored).doesNotContain("CREATE TABLE").doesNotContain(ROW_VALUE);
            Path plain = dir.resolve("plain.dump");
            BackupReader reader = new BackupReader(storage, BackupKey.fromPassphrase("pipeline test passphrase".toCharArray()));
            assertThat(reader.download(m, plain)).isEqualTo(m.archiveBytes());
            String archive = Files.readString(plain, StandardCharsets.ISO_8859_1);
            assertThat(archive).startsWith("PGDMP").contains("CREATE TABLE").contains(ROW_VALUE);

            assertThat(reader.verify(m).entries()).isPositive();
            restoreAndCompare(reader, m);
        }
    }

    @Test
    void shouldLeaveNoManifestWhenAnS3UploadFailsMidway() throws Exception {
        try (Storage storage = StorageUrls.open(s3.url("failing", ""))) {
            BackupManifest good = backup(storage, null, null);
            assertThatThrownBy(() -> backup(new FailingStorage(storage, 50_000), null, BackupKey.of(new byte[32])))
                    .hasMessageContaining("simulated failure");
            assertThat(BackupCatalog.list(storage, null)).extracting(BackupManifest::backupId).containsExactly(good.backupId());
            assertThat(storage.list("")).hasSize(2);
        }
    }

    @Test
    void shouldTellWrongKeyMissingKeyTruncationAndAlterationApart() throws Exception {
        Storage storage = StorageUrls.open(dir.toUri().toString());
        byte[] keyBytes = new byte[32];
        new Random(5).nextBytes(keyBytes);
        BackupManifest m = backup(storage, null, BackupKey.of(keyBytes));
        assertThat(new BackupReader(storage, BackupKey.of(keyBytes)).verify(m).dataEntries()).isPositive();

        byte[] otherKey = keyBytes.clone();
        otherKey[0] ^= 1;
        assertThat(failure(storage, m, BackupKey.of(otherKey)).kind()).isEqualTo(Kind.WRONG_KEY);
        assertThat(failure(storage, m, BackupKey.of(otherKey))).hasMessageStartingWith("wrong key: the backup was encrypted with key id " + m.keyId());
        assertThat(failure(storage, m, null).kind()).isEqualTo(Kind.KEY_REQUIRED);
        assertThat(failure(storage, m, null)).hasMessageContaining("is encrypted (key id " + m.keyId() + "): give its key with --key-file");

        Path object = dir.resolve(m.object());
        byte[] original = Files.readAllBytes(object);
        byte[] flipped = original.clone();
        flipped[original.length / 2] ^= 0x10;
        Files.write(object, flipped);
        BackupIntegrityException altered = failure(storage, m, BackupKey.of(keyBytes));
        assertThat(altered.kind()).isEqualTo(Kind.ALTERED);
        assertThat(altered).hasMessageStartingWith("backup " + m.backupId() + " was altered: the SHA-256 of its object");

        Files.write(object, java.util.Arrays.copyOf(original, original.length - 1000));
        BackupIntegrityException truncated = failure(storage, m, BackupKey.of(keyBytes));
        assertThat(truncated.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(truncated).hasMessage("backup " + m.backupId() + " is truncated: its object " + m.object() + " has "
                + (original.length - 1000) + " bytes, its manifest records " + original.length);
    }

    @Test
    void shouldDetectAFlippedByteInAnUnencryptedBackup() throws Exception {
        Storage storage = StorageUrls.open(dir.toUri().toString());
        BackupManifest m = backup(storage, Compression.parse("gzip"), null);
        Path object = dir.resolve(m.object());
        byte[] content = Files.readAllBytes(object);
        content[content.length - 100] ^= 1;
        Files.write(object, content);
        assertThat(failure(storage, m, null)).hasMessageContaining("was altered: the SHA-256 of its object");
    }

    private static BackupIntegrityException failure(Storage storage, BackupManifest m, BackupKey key) {
        Throwable t = catchThrowable(() -> new BackupReader(storage, key).verify(m));
        assertThat(t).isInstanceOf(BackupIntegrityException.class);
        return (BackupIntegrityException) t;
    }

    @Test
    void aBackupWithTwoJobsSplitsItsLargeTablesAndRestoresIdentically() throws Exception {
        Storage storage = StorageUrls.open(dir.toUri().toString());
        io.tusk.dump.DumpOptions selection = new io.tusk.dump.DumpOptions();
        selection.jobs = 2;
        selection.splitTableBytes = 256 * 1024;
        // the split is decided from the catalog's size estimates
        pg.execute(SOURCE, "ANALYZE");
        BackupManifest m;
        try (Connection c = pg.connect(SOURCE)) {
            m = new BackupPipeline(storage).backup(c, () -> pg.connect(SOURCE), "127.0.0.1:" + pg.port(), null,
                    null, selection);
        }
        long rentals;
        try (Connection c = pg.connect(SOURCE); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM public.rental")) {
            rs.next();
            rentals = rs.getLong(1);
        }
        assertThat(m.tableRows()).as("the parts of a split table add up in the manifest").containsEntry("public.rental", rentals);
        BackupReader reader = new BackupReader(storage, null);
        BackupReader.VerifyReport report = reader.verify(m);
        assertThat(report.dataEntries()).isGreaterThan(m.tableRows().size());
        restoreAndCompare(reader, m);
    }

    private static BackupManifest backup(Storage storage, Compression compression, BackupKey key) throws Exception {
        try (Connection c = pg.connect(SOURCE)) {
            return new BackupPipeline(storage).backup(c, "127.0.0.1:" + pg.port(), compression, key);
        }
    }

    private static void restoreAndCompare(BackupReader reader, BackupManifest m) throws Exception {
        String target = "restored" + (++databases);
        pg.createDatabase(target);
        try (Connection c = pg.connect(target)) {
            int errors = reader.restore(m, new RestoreOptions(), c, db -> pg.connect(db), new PrintStream(System.err), "tusk restore");
            assertThat(errors).isZero();
        }
        DatabaseComparator.assertIdentical(pg, SOURCE, target);
    }

    private static String read(Storage storage, String key) throws IOException {
        try (InputStream in = storage.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
