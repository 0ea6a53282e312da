package io.tusk.archive.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.Compression;
import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives written by stock pg_dump of one major, read by Tusk: entries as {@code pg_restore -l} lists them, data
 * as {@code pg_restore -a} prints it. One subclass per major.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StockDumpCompatibilityTest {
    /** Entries pg_restore -l does not list: they only set up the session, or need -C. */
    private static final Set<String> UNLISTED = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH", "DATABASE", "DATABASE PROPERTIES");

    private final int major;
    private final int expectedVersion;
    EmbeddedPostgres pg;

    @TempDir
    Path dir;

    StockDumpCompatibilityTest(int major, int expectedVersion) {
        this.major = major;
        this.expectedVersion = expectedVersion;
    }

    @BeforeAll
    void startServerWithData() {
        pg = EmbeddedPostgres.start(major);
        pg.createDatabase("src");
        pg.execute("src", """
                CREATE SCHEMA s;
                CREATE TABLE s.t (a integer PRIMARY KEY, b text, c timestamptz);
                INSERT INTO s.t SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'row ' || g || E'\\t\\\\ é' END,
                    '2026-01-01 00:00:00+00'::timestamptz + g * interval '1 minute' FROM generate_series(1, 20000) g;
                CREATE TABLE public.empty (x integer);
                CREATE TABLE public.after_blobs (y text);
                INSERT INTO public.after_blobs VALUES ('last');
                COMMENT ON TABLE s.t IS 'commented';
                CREATE VIEW s.v AS SELECT a FROM s.t;
                CREATE INDEX t_b_idx ON s.t (b);
                SELECT lo_from_bytea(0, 'a large object, whose BLOBS block the reader skips');
                """);
    }

    @AfterAll
    void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldReadAnUncompressedDump() throws Exception {
        Path archive = dump("-Z0");
        try (CustomArchiveReader reader = CustomArchiveReader.open(archive)) {
            assertThat(reader.header().compression()).isEqualTo(Compression.NONE);
            assertMatchesPgRestore(reader, archive);
        }
    }

    @Test
    void shouldReadAGzipDump() throws Exception {
        Path archive = dump();
        try (CustomArchiveReader reader = CustomArchiveReader.open(archive)) {
            assertThat(reader.header().compression().algorithm()).isEqualTo(Compression.Algorithm.GZIP);
            assertThat(reader.hasDataOffsets()).isTrue();
            assertMatchesPgRestore(reader, archive);
        }
    }

    @Test
    void shouldReadAGzipDumpFromAPipeInArchiveOrder() throws Exception {
        Path archive = dump();
        Map<String, String> expected = pgRestoreData(archive);
        Process pgDump = StockClient.start(dir.resolve("pg_dump.err"), major, "pg_dump", "-Fc", pg.uri("src"));
        Map<String, String> read = new LinkedHashMap<>();
        try (CustomArchiveReader reader = CustomArchiveReader.open(pgDump.getInputStream())) {
            assertThat(reader.hasDataOffsets()).isFalse();
            for (ArchiveEntry e : reader.entries()) {
                if ("TABLE DATA".equals(e.desc())) {
                    read.put(e.copyStmt(), CustomArchiveRoundTripTest.readAll(reader, e));
                }
            }
        }
        assertThat(pgDump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void shouldReadADumpWrittenToAPipeFromAFileByScanning() throws Exception {
        Path archive = dir.resolve("piped.dump");
        Process pgDump = StockClient.start(dir.resolve("pg_dump.err"), major, "pg_dump", "-Fc", pg.uri("src"));
        Files.copy(pgDump.getInputStream(), archive);
        assertThat(pgDump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (CustomArchiveReader reader = CustomArchiveReader.open(archive)) {
            assertThat(reader.hasDataOffsets()).isFalse();
            assertMatchesPgRestore(reader, archive);
        }
    }

    @Test
    void shouldSkipTheLargeObjectBlockWhenScanningAPipe() throws Exception {
        byte[] piped = StockClient.run(major, "pg_dump", "-Fc", pg.uri("src")).stdout();
        try (CustomArchiveReader reader = CustomArchiveReader.open(new java.io.ByteArrayInputStream(piped))) {
            ArchiveEntry blobs = reader.entries().stream().filter(e -> "BLOBS".equals(e.desc())).findFirst().orElseThrow();
            // pg_dump puts BLOBS after every TABLE DATA: asking for a TABLE DATA under its dump id walks over all
            // the blocks, the large object block too, to the end of the archive
            ArchiveEntry asTableData = new ArchiveEntry(blobs.dumpId(), "TABLE DATA", blobs.section(), "s", "none",
                    blobs.owner(), null, null, null, null, null, true, "0", "0", List.of(), '\0');
            assertThatThrownBy(() -> reader.openData(asTableData))
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessage("TABLE DATA s.none: no data block for dump id " + blobs.dumpId() + " in the archive (it ends at"
                            + " offset " + piped.length + "); the archive is truncated or incomplete");
        }
    }

    /** Stock lz4 and zstd dumps (pg_dump 16+): entries as pg_restore -l lists them, data as pg_restore -a prints it. */
    void assertLz4AndZstdDumpsReadAsPgRestoreReadsThem() throws Exception {
        for (String codec : List.of("lz4", "zstd", "zstd:long")) {
            Path archive = dump("-Z", codec);
            try (CustomArchiveReader reader = CustomArchiveReader.open(archive)) {
                assertThat(reader.header().compression().algorithm().name()).isEqualToIgnoringCase(codec.replace(":long", ""));
                assertMatchesPgRestore(reader, archive);
            }
        }
    }

    private Path dump(String... options) throws Exception {
        Path archive = Files.createTempFile(dir, "stock", ".dump");
        String[] args = new String[options.length + 4];
        args[0] = "-Fc";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "-f";
        args[options.length + 2] = archive.toString();
        args[options.length + 3] = pg.uri("src");
        StockClient.run(major, "pg_dump", args);
        return archive;
    }

    private void assertMatchesPgRestore(CustomArchiveReader reader, Path archive) throws Exception {
        ArchiveHeader header = reader.header();
        assertThat(header.formatVersion()).isEqualTo(expectedVersion);
        assertThat(header.database()).isEqualTo("src");
        assertThat(header.serverVersion()).startsWith(major + ".");
        assertThat(header.dumperVersion()).startsWith(major + ".");

        List<String> listed = pgRestoreList(archive);
        assertThat(listed).hasSizeGreaterThan(8);
        assertThat(listed(reader)).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(reader.entries()).filteredOn(e -> UNLISTED.contains(e.desc())).extracting(ArchiveEntry::desc)
                .contains("ENCODING", "STDSTRINGS", "SEARCHPATH");

        Map<String, String> expected = pgRestoreData(archive);
        assertThat(expected).hasSize(3);
        assertThat(expected.get("COPY s.t (a, b, c) FROM stdin;\n")).hasSizeGreaterThan(500_000);
        Map<String, String> read = new LinkedHashMap<>();
        // backwards, so a file is read out of order
        List<ArchiveEntry> data = reader.entries().stream().filter(e -> "TABLE DATA".equals(e.desc())).toList();
        for (int i = data.size() - 1; i >= 0; i--) {
            read.put(data.get(i).copyStmt(), CustomArchiveRoundTripTest.readAll(reader, data.get(i)));
        }
        assertThat(read).isEqualTo(expected);
    }

    /** Our entries as pg_restore -l prints them: "id; tableoid oid desc schema-or-dash tag owner". */
    private static List<String> listed(CustomArchiveReader reader) {
        return reader.entries().stream().filter(e -> !UNLISTED.contains(e.desc()))
                .map(e -> e.dumpId() + "; " + e.tableOid() + " " + e.oid() + " " + e.desc() + " "
                        + (e.namespace() == null || e.namespace().isEmpty() ? "-" : e.namespace()) + " " + e.tag() + " "
                        + (e.owner() == null ? "" : e.owner()))
                .toList();
    }

    private List<String> pgRestoreList(Path archive) throws Exception {
        return StockClient.run(major, "pg_restore", "-l", archive.toString()).out().lines()
                .filter(l -> !l.startsWith(";") && !l.isBlank()).toList();
    }

    /** COPY statement to the data pg_restore -a prints after it, up to the \. line. */
    private Map<String, String> pgRestoreData(Path archive) throws Exception {
        String sql = StockClient.run(major, "pg_restore", "-a", "-f", "-", archive.toString()).out();
        Map<String, String> data = new LinkedHashMap<>();
        for (int at = sql.indexOf("\nCOPY "); at >= 0; at = sql.indexOf("\nCOPY ", at + 1)) {
            int start = sql.indexOf('\n', at + 1) + 1;
            int end = sql.startsWith("\\.\n", start) ? start : sql.indexOf("\n\\.\n", start) + 1;
            data.put(sql.substring(at + 1, start), sql.substring(start, end));
        }
        return data;
    }
}
