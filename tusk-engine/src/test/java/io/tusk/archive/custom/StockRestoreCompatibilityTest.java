package io.tusk.archive.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.Compression;
import io.tusk.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives written by Tusk, read by stock pg_restore 15 and 18: listed, printed as SQL, restored into a server of
 * the same major (pg_restore 18 sends {@code SET transaction_timeout}, which a 15 server rejects, whoever wrote
 * the archive).
 */
class StockRestoreCompatibilityTest {
    static final Map<Integer, EmbeddedPostgres> servers = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServers() {
        servers.put(15, EmbeddedPostgres.start(15));
        servers.put(18, EmbeddedPostgres.start(18));
    }

    @AfterAll
    static void stopServers() {
        servers.values().forEach(EmbeddedPostgres::close);
    }

    /** Stock major, compression, whether written to a file (offsets set) or a stream (offsets not set). */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int major : new int[] {15, 18}) {
            for (Compression c : List.of(Compression.NONE, Compression.GZIP_DEFAULT)) {
                cases.add(Arguments.of(major, c, true));
                cases.add(Arguments.of(major, c, false));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pg_restore {0}, {1}, seekable={2}")
    @MethodSource("cases")
    void shouldBeListedPrintedAndRestoredByStockPgRestore(int major, Compression compression, boolean seekable)
            throws Exception {
        Path archive = dir.resolve("tusk-" + major + "-" + compression.algorithm() + "-" + seekable + ".dump");
        if (seekable) {
            new CustomArchiveWriter(archive).write(SampleArchive.header(compression), SampleArchive.FULL, SampleArchive.DATA);
        } else {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            new CustomArchiveWriter(stream).write(SampleArchive.header(compression), SampleArchive.FULL, SampleArchive.DATA);
            Files.write(archive, stream.toByteArray());
        }

        String list = StockClient.run(major, "pg_restore", "-l", archive.toString()).out();
        assertThat(list).contains("Dump Version: 1.14-0", "Format: CUSTOM", "dbname: sample",
                "Dumped from database version: 15.13", "Dumped by pg_dump version: Tusk 0.1.0");
        assertThat(list.lines().filter(l -> !l.startsWith(";") && !l.isBlank())).containsExactly(
                "5; 2615 16390 SCHEMA - s postgres",
                "210; 1259 16391 TABLE s t postgres",
                "3300; 0 0 COMMENT s TABLE t postgres",
                "211; 1259 16395 TABLE s big postgres",
                "3290; 0 16391 TABLE DATA s t postgres",
                "3291; 0 16395 TABLE DATA s big postgres",
                "3150; 1259 16398 INDEX s t_a_idx postgres");

        String sql = StockClient.run(major, "pg_restore", "-f", "-", archive.toString()).out();
        assertThat(sql).contains("SET client_encoding = 'UTF8';\n", "CREATE SCHEMA s;\n",
                "CREATE TABLE s.t (a integer, b text);\n", "COMMENT ON TABLE s.t IS 'awkward rows';\n",
                "COPY s.t (a, b) FROM stdin;\n" + SampleArchive.T_ROWS + "\\.\n",
                "COPY s.big (n, filler) FROM stdin;\n" + SampleArchive.bigRows() + "\\.\n",
                "CREATE INDEX t_a_idx ON s.t USING btree (a);\n");

        EmbeddedPostgres pg = servers.get(major);
        String db = "r" + major + compression.algorithm().name().toLowerCase() + seekable;
        pg.createDatabase(db);
        List<String> restore = new ArrayList<>(List.of("-d", pg.uri(db), "--exit-on-error"));
        if (seekable) {
            // parallel restore seeks to each block through the offsets
            restore.addAll(List.of("-j", "2"));
        }
        restore.add(archive.toString());
        StockClient.run(major, "pg_restore", restore.toArray(String[]::new));
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT a, b FROM s.t ORDER BY a")).containsExactly(
                    "1|plain", "2|tab\there", "3|back\\slash", "4|üñí©ødé ✓ 🐘", "5|null");
            assertThat(rows(s, "SELECT count(*), min(n), max(n) FROM s.big")).containsExactly(
                    SampleArchive.BIG_ROWS + "|1|" + SampleArchive.BIG_ROWS);
            assertThat(rows(s, "SELECT filler FROM s.big WHERE n = 2")).containsExactly("filler 15838 \\ é");
            assertThat(rows(s, "SELECT obj_description('s.t'::regclass, 'pg_class')")).containsExactly("awkward rows");
            assertThat(rows(s, "SELECT indexdef FROM pg_indexes WHERE indexname = 't_a_idx'"))
                    .containsExactly("CREATE INDEX t_a_idx ON s.t USING btree (a)");
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", cols));
            }
        }
        return rows;
    }
}
