package io.tusk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tusk backup, backups, verify, restore --from and download against a local storage, encrypted with a key file. */
class BackupCommandsTest {
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = EmbeddedPostgres.start(15);
        pg.createDatabase("pagila");
        SampleDatabases.loadPagila(pg, "pagila");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldBackUpListVerifyRestoreAndDownloadThroughTheCommandLine() throws Exception {
        String storage = dir.resolve("store").toUri().toString();
        Path key = dir.resolve("backup.key");
        byte[] keyBytes = new byte[32];
        new Random(3).nextBytes(keyBytes);
        Files.writeString(key, HexFormat.of().formatHex(keyBytes));

        Tusk.Result backup = Tusk.run("backup", "--to", storage, "--key-file", key.toString(), pg.uri("pagila"));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String id = backup.stdout().strip();
        assertThat(id).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");

        Tusk.Result list = Tusk.run("backups", "--at", storage);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout().lines()).hasSize(2);
        assertThat(list.stdout()).contains(id).contains("pagila");

        Tusk.Result verify = Tusk.run("verify", "--from", storage, "--backup", id, "--key-file", key.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).startsWith("backup " + id + " of pagila is sound: ");

        Path otherKey = Files.write(dir.resolve("other.key"), new byte[32]);
        Tusk.Result wrong = Tusk.run("verify", "--from", storage, "--backup", id, "--key-file", otherKey.toString());
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.stderrLines()).hasSize(1);
        assertThat(wrong.stderr()).startsWith("tusk verify: error: wrong key: the backup was encrypted with key id ");

        Tusk.Result noKey = Tusk.run("verify", "--from", storage, "--backup", id);
        assertThat(noKey.exitCode()).isEqualTo(3);
        assertThat(noKey.stderr()).contains("is encrypted (key id ");

        pg.createDatabase("restored");
        Tusk.Result restore = Tusk.run("restore", "--from", storage, "--backup", id, "--key-file", key.toString(), "-d", pg.uri("restored"));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        DatabaseComparator.assertIdentical(pg, "pagila", "restored");

        Path plain = dir.resolve("plain.dump");
        Tusk.Result download = Tusk.run("download", "--from", storage, "--backup", id, "--key-file", key.toString(), "-o", plain.toString());
        assertThat(download.exitCode()).as(download.toString()).isZero();
        Tusk.Result listing = Tusk.run("restore", "-l", plain.toString());
        assertThat(listing.exitCode()).as(listing.toString()).isZero();
        assertThat(listing.stdout()).contains("TABLE DATA public actor");
    }

    @Test
    void aBackupWithTwoJobsSplitsLargeTablesAndRestoresIdentically() throws Exception {
        pg.createDatabase("parallel_source");
        pg.execute("parallel_source", "CREATE TABLE public.big (id bigint PRIMARY KEY, note text);"
                + " INSERT INTO public.big SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 30000) g;"
                + " CREATE TABLE public.small (id int PRIMARY KEY); INSERT INTO public.small VALUES (1), (2); ANALYZE;");
        String storage = dir.resolve("parallel").toUri().toString();
        // big takes about 3 MB, small one page
        Tusk.Result split = Tusk.run("backup", "-j", "2", "--split-size", "1", "--to", storage, pg.uri("parallel_source"));
        assertThat(split.exitCode()).as(split.toString()).isZero();
        String id = split.stdout().strip();
        Path archive = dir.resolve("parallel.dump");
        Tusk.Result download = Tusk.run("download", "--from", storage, "--backup", id, "-o", archive.toString());
        assertThat(download.exitCode()).as(download.toString()).isZero();
        Tusk.Result listing = Tusk.run("restore", "-l", archive.toString());
        assertThat(listing.stdout().lines().filter(l -> l.contains("TABLE DATA public big "))).as("big in two parts").hasSize(2);
        assertThat(listing.stdout().lines().filter(l -> l.contains("TABLE DATA public small "))).hasSize(1);
        pg.createDatabase("restored_parallel");
        Tusk.Result restore = Tusk.run("restore", "--from", storage, "--backup", id, "-d", pg.uri("restored_parallel"));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        DatabaseComparator.assertIdentical(pg, "parallel_source", "restored_parallel");
    }

    @Test
    void shouldRejectAnUnknownBackupWithOneLine() {
        Tusk.Result r = Tusk.run("verify", "--from", dir.toUri().toString(), "--backup", "20250101T000000Z-0000");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).containsExactly("tusk verify: error: no backup \"20250101T000000Z-0000\" at "
                + dir.toUri() + " (only backups with a manifest count; list them with: tusk backups --at URL)");
    }
}
