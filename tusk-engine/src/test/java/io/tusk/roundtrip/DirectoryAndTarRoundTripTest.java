package io.tusk.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveReader;
import io.tusk.archive.directory.DirectoryArchiveReader;
import io.tusk.archive.tar.TarArchiveReader;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Tusk's directory and tar dumps of Pagila, restored by Tusk and by stock pg_restore, equal the source. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryAndTarRoundTripTest {
    private EmbeddedPostgres pg;

    @TempDir
    Path dir;

    abstract int major();

    @BeforeAll
    void startServerWithPagila() {
        pg = EmbeddedPostgres.start(major());
        pg.createDatabase("source");
        SampleDatabases.loadPagila(pg, "source");
    }

    @AfterAll
    void stopServer() {
        pg.close();
    }

    private Path dump(DumpOptions.Format format, String name) throws Exception {
        DumpOptions options = new DumpOptions();
        options.format = format;
        options.file = dir.resolve(name);
        try (Connection c = pg.connect("source")) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        return options.file;
    }

    private void tuskRestore(ArchiveReader reader, String database) throws Exception {
        pg.createDatabase(database);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try (reader; Connection c = pg.connect(database)) {
            assertThat(Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, new PrintStream(errors, true),
                    "tusk restore")).isZero();
        }
        assertThat(errors.toString()).isEmpty();
        DatabaseComparator.assertIdentical(pg, "source", database);
    }

    private void stockRestore(Path archive, String database) throws Exception {
        pg.createDatabase(database);
        // the server's own major: pg_restore 17 and 18 send SET transaction_timeout, which older servers reject
        int client = major() >= 17 ? major() : 15;
        StockClient.of(client).tool("pg_restore").args("--exit-on-error", "-d", pg.uri(database), archive.toString()).run();
        DatabaseComparator.assertIdentical(pg, "source", database);
    }

    @Test
    void directoryDumpRestoredByTuskEqualsTheSource() throws Exception {
        Path archive = dump(DumpOptions.Format.DIRECTORY, "dump.dir");
        try (var files = Files.list(archive)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("toc.dat").anyMatch(n -> n.endsWith(".dat.gz"));
        }
        tuskRestore(DirectoryArchiveReader.open(archive), "from_directory");
    }

    @Test
    void directoryDumpRestoredByStockPgRestoreEqualsTheSource() throws Exception {
        stockRestore(dump(DumpOptions.Format.DIRECTORY, "stock.dir"), "from_directory_stock");
    }

    @Test
    void tarDumpRestoredByTuskFromAFileAndAStreamEqualsTheSource() throws Exception {
        Path archive = dump(DumpOptions.Format.TAR, "dump.tar");
        tuskRestore(TarArchiveReader.open(archive), "from_tar");
        tuskRestore(TarArchiveReader.open(Files.newInputStream(archive)), "from_tar_stream");
    }

    @Test
    void tarDumpRestoredByStockPgRestoreEqualsTheSource() throws Exception {
        stockRestore(dump(DumpOptions.Format.TAR, "stock.tar"), "from_tar_stock");
    }
}
