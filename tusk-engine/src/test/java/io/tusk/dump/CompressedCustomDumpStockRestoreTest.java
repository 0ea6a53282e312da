package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.Compression;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.custom.CustomArchiveReader;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tusk's lz4 and zstd custom archives of Pagila, restored by stock pg_restore into a database identical to the
 * source. 17 and 18 servers get archive 1.16 as their pg_dump writes; a 15 server gets 1.15, since the 1.14 header
 * of pg_dump 12-15 cannot name lz4 or zstd.
 */
class CompressedCustomDumpStockRestoreTest {
    private static final Map<Integer, EmbeddedPostgres> servers = new HashMap<>();

    @TempDir
    Path dir;

    @AfterAll
    static void stopServers() {
        servers.values().forEach(EmbeddedPostgres::close);
    }

    private static synchronized EmbeddedPostgres serverWithPagila(int major) {
        return servers.computeIfAbsent(major, m -> {
            EmbeddedPostgres pg = EmbeddedPostgres.start(m);
            pg.createDatabase("src");
            SampleDatabases.loadPagila(pg, "src");
            return pg;
        });
    }

    @ParameterizedTest(name = "{0} server, {1}, pg_restore {2}")
    @CsvSource({
            "17, lz4,     17, 1.16-0",
            "17, zstd,    17, 1.16-0",
            "18, lz4,     18, 1.16-0",
            "18, zstd:19, 18, 1.16-0",
    })
    void shouldBeRestoredByStockPgRestoreIntoAnIdenticalDatabase(int major, String compression, int client, String version)
            throws Exception {
        EmbeddedPostgres pg = serverWithPagila(major);
        Path archive = dump(pg, compression);
        assertHeader(archive, compression, version);

        String list = StockClient.of(client).tool("pg_restore").args("-l", archive.toString()).run().stdout();
        assertThat(list).contains("Dump Version: " + version, "Compression: " + compression.replaceFirst(":.*", ""));

        String target = "r_" + compression.replace(':', '_');
        pg.createDatabase(target);
        StockClient.of(client).tool("pg_restore").args("--exit-on-error", "-j", "2", "-d", pg.uri(target), archive.toString()).run();
        DatabaseComparator.assertIdentical(pg, "src", target);
    }

    @ParameterizedTest(name = "15 server, {0}")
    @CsvSource({"lz4", "zstd"})
    void shouldWriteVersion115ForLz4AndZstdFromA15ServerWhichPgRestore17Restores(String compression) throws Exception {
        EmbeddedPostgres pg = serverWithPagila(15);
        Path archive = dump(pg, compression);
        assertHeader(archive, compression, "1.15-0");

        String target = "r_" + compression;
        pg.createDatabase(target);
        // pg_restore 17 sends SET transaction_timeout, which a 15 server rejects: that one error is ignored
        // (no --exit-on-error, exit code 1); the comparison checks everything else arrived
        StockClient.Output restore = StockClient.of(17).tool("pg_restore").args("-d", pg.uri(target), archive.toString())
                .acceptExitCodes(1).run();
        assertThat(restore.stderr().lines().filter(l -> l.contains("ERROR:")))
                .allMatch(l -> l.contains("transaction_timeout"));
        DatabaseComparator.assertIdentical(pg, "src", target);
    }

    @ParameterizedTest(name = "plain script, {0}")
    @CsvSource({"gzip", "lz4", "zstd"})
    void shouldCompressAWholePlainScriptThatPsqlRestoresOnceDecompressed(String compression) throws Exception {
        EmbeddedPostgres pg = serverWithPagila(18);
        DumpOptions o = new DumpOptions();
        o.format = DumpOptions.Format.PLAIN;
        o.file = dir.resolve("pagila.sql." + compression);
        o.compression = Compression.parse(compression);
        try (Connection c = pg.connect("src")) {
            new Dumper(o).dump(c, OutputStream.nullOutputStream());
        }
        Path script = dir.resolve("pagila-" + compression + ".sql");
        try (InputStream compressed = Files.newInputStream(o.file);
             InputStream decompressed = Codec.of(o.compression).decompressingFile(compressed)) {
            Files.copy(decompressed, script);
        }
        assertThat(Files.size(o.file)).isLessThan(Files.size(script) / 2);

        String target = "p_" + compression;
        pg.createDatabase(target);
        StockClient.of(18).tool("psql").args("-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.toString(), pg.uri(target)).run();
        DatabaseComparator.assertIdentical(pg, "src", target);
    }

    private Path dump(EmbeddedPostgres pg, String compression) throws Exception {
        DumpOptions o = new DumpOptions();
        o.format = DumpOptions.Format.CUSTOM;
        o.file = dir.resolve("pagila-" + pg.major() + "-" + compression.replace(':', '-') + ".dump");
        o.compression = Compression.parse(compression);
        try (Connection c = pg.connect("src")) {
            new Dumper(o).dump(c, OutputStream.nullOutputStream());
        }
        return o.file;
    }

    private static void assertHeader(Path archive, String compression, String version) throws Exception {
        try (CustomArchiveReader reader = CustomArchiveReader.open(archive)) {
            ArchiveHeader header = reader.header();
            assertThat(header.versionString()).isEqualTo(version);
            assertThat(header.compression().algorithm()).isEqualTo(Compression.parse(compression).algorithm());
        }
    }
}
