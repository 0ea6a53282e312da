package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large table dumped in ctid ranges by several workers restores exactly like one dumped whole. */
class TableSplittingTest {
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = EmbeddedPostgres.start(17);
        pg.createDatabase("source");
        SampleDatabases.loadPagila(pg, "source");
        pg.execute("source", "CREATE TABLE public.big (id bigint PRIMARY KEY, note text, n numeric);"
                + " INSERT INTO public.big SELECT g, repeat(md5(g::text), 3), g / 7.0 FROM generate_series(1, 40000) g;"
                + " DELETE FROM public.big WHERE id % 5 = 0; ANALYZE public.big;");
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private Path splitDump(String name) throws Exception {
        return splitDump(name, DumpOptions.Format.DIRECTORY);
    }

    private Path splitDump(String name, DumpOptions.Format format) throws Exception {
        DumpOptions options = new DumpOptions();
        options.format = format;
        options.file = dir.resolve(name);
        options.jobs = 3;
        options.splitTableBytes = 1 << 20;
        try (Connection c = pg.connect("source")) {
            new Dumper(options).dump(c, () -> pg.connect("source"), OutputStream.nullOutputStream());
        }
        return options.file;
    }

    @Test
    void aLargeTableIsDumpedInPartsThatTuskRestoresInParallelIdentically() throws Exception {
        Path archive = splitDump("split.dir");
        pg.createDatabase("from_split");
        RestoreOptions restore = new RestoreOptions();
        restore.jobs = 3;
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect("from_split")) {
            List<ArchiveEntry> parts = reader.entries().stream()
                    .filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("big")).toList();
            assertThat(parts).hasSize(3);
            assertThat(parts).allSatisfy(p -> assertThat(p.copyStmt()).isEqualTo("COPY public.big (id, note, n) FROM stdin;\n"));
            List<ArchiveEntry> small = reader.entries().stream()
                    .filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("actor")).toList();
            assertThat(small).as("small tables stay whole").hasSize(1);
            assertThat(Restorer.toDatabase(reader, restore, c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", "from_split");
    }

    @Test
    void stockPgRestoreRestoresASplitArchiveIdenticallyAlsoInParallel() throws Exception {
        Path archive = splitDump("split-for-stock.dir");
        pg.createDatabase("from_split_stock");
        pg.createDatabase("from_split_stock_serial");
        StockClient.of(17).tool("pg_restore").args("--exit-on-error", "-j", "3", "-d", pg.uri("from_split_stock"), archive.toString()).run();
        StockClient.of(17).tool("pg_restore").args("--exit-on-error", "-d", pg.uri("from_split_stock_serial"), archive.toString()).run();
        DatabaseComparator.assertIdentical(pg, "source", "from_split_stock");
        DatabaseComparator.assertIdentical(pg, "source", "from_split_stock_serial");
    }

    @Test
    void aCustomArchiveDumpedInPartsKeepsItsBlocksInOrderAndRestoresIdenticallyEveryWay() throws Exception {
        Path archive = splitDump("split.dump", DumpOptions.Format.CUSTOM);
        try (ArchiveReader reader = Archives.open(archive)) {
            assertThat(reader.entries().stream().filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("big")))
                    .hasSize(3);
        }
        assertThat(dir.toFile().list()).as("no block spooled ahead is left beside the archive").containsExactly("split.dump");
        pg.createDatabase("from_custom_split");
        pg.createDatabase("from_custom_split_stock");
        pg.createDatabase("from_custom_split_stdin");
        RestoreOptions restore = new RestoreOptions();
        restore.jobs = 3;
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect("from_custom_split")) {
            assertThat(Restorer.toDatabase(reader, restore, c, pg::connect, System.err, "tusk restore")).isZero();
        }
        StockClient.of(17).tool("pg_restore").args("--exit-on-error", "-j", "3", "-d", pg.uri("from_custom_split_stock"), archive.toString()).run();
        // read as a stream, pg_restore cannot seek: it needs every block where the table of contents' order puts it
        StockClient.of(17).tool("pg_restore").args("--exit-on-error", "-d", pg.uri("from_custom_split_stdin")).stdin(archive).run();
        DatabaseComparator.assertIdentical(pg, "source", "from_custom_split");
        DatabaseComparator.assertIdentical(pg, "source", "from_custom_split_stock");
        DatabaseComparator.assertIdentical(pg, "source", "from_custom_split_stdin");
    }

    @Test
    void aCustomArchiveDumpedInPartsToAStreamRestoresIdentically() throws Exception {
        DumpOptions options = new DumpOptions();
        options.format = DumpOptions.Format.CUSTOM;
        options.jobs = 2;
        options.splitTableBytes = 1 << 20;
        Path archive = dir.resolve("streamed.dump");
        try (Connection c = pg.connect("source"); OutputStream out = java.nio.file.Files.newOutputStream(archive)) {
            new Dumper(options).dump(c, () -> pg.connect("source"), out);
        }
        pg.createDatabase("from_streamed_split");
        StockClient.of(17).tool("pg_restore").args("--exit-on-error", "-d", pg.uri("from_streamed_split")).stdin(archive).run();
        DatabaseComparator.assertIdentical(pg, "source", "from_streamed_split");
    }

    @Test
    void oneLargeTableOfAStockArchiveIsLoadedOverSeveralConnectionsIdentically() throws Exception {
        Path archive = dir.resolve("stock.dump");
        StockClient.of(17).tool("pg_dump").args("-Fc", "-f", archive.toString(), pg.uri("source")).run();
        pg.createDatabase("split_load");
        RestoreOptions restore = new RestoreOptions();
        restore.jobs = 3;
        restore.splitLoadBytes = 64 * 1024;
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect("split_load")) {
            ArchiveEntry big = reader.entries().stream().filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("big"))
                    .findFirst().orElseThrow();
            assertThat(reader.dataSize(big)).as("the block's size, from the offsets").isGreaterThan(restore.splitLoadBytes);
            assertThat(Restorer.toDatabase(reader, restore, c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", "split_load");
        try (Connection c = pg.connect("split_load"); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(DISTINCT xmin::text) FROM public.big")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the rows came in over several connections, one transaction each").isGreaterThan(1);
        }
    }

    @Test
    void aRowRefusedInASplitLoadLeavesTheTableEmptyAndCountsOneError() throws Exception {
        Path archive = dir.resolve("stock-data.dump");
        StockClient.of(17).tool("pg_dump").args("-Fc", "-a", "-t", "public.big", "-f", archive.toString(), pg.uri("source")).run();
        pg.createDatabase("split_load_refused");
        // a row near the end is refused, after other connections have loaded their runs
        pg.execute("split_load_refused", "CREATE TABLE public.big (id bigint PRIMARY KEY, note text, n numeric CHECK (n <> 39999 / 7.0))");
        RestoreOptions restore = new RestoreOptions();
        restore.jobs = 2;
        restore.dataOnly = true;
        restore.splitLoadBytes = 64 * 1024;
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect("split_load_refused")) {
            assertThat(Restorer.toDatabase(reader, restore, c, pg::connect, new java.io.PrintStream(errors, true), "tusk restore"))
                    .isEqualTo(1);
        }
        assertThat(errors.toString()).contains("big").contains("check constraint");
        try (Connection c = pg.connect("split_load_refused"); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM public.big")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no connection's share was committed").isZero();
        }
    }

    @Test
    void aLargeNewTableIsLoadedFrozenAndASmallOneWithAPlainCopy() throws Exception {
        Path archive = dir.resolve("whole.dump");
        StockClient.of(17).tool("pg_dump").args("-Fc", "-f", archive.toString(), pg.uri("source")).run();
        pg.createDatabase("frozen_load");
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect("frozen_load")) {
            assertThat(Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", "frozen_load");
        pg.execute("frozen_load", "CREATE EXTENSION pg_visibility");
        try (Connection c = pg.connect("frozen_load"); java.sql.Statement s = c.createStatement()) {
            // big's rows (several MB of COPY text) came with COPY ... FREEZE after a TRUNCATE in the same transaction
            assertThat(mostlyFrozen(s, "public.big")).isTrue();
            // actor's (a few KB) with a plain COPY: no TRUNCATE, whose new file and sync would cost more than it saves
            assertThat(mostlyFrozen(s, "public.actor")).isFalse();
        }
    }

    private static boolean mostlyFrozen(java.sql.Statement s, String table) throws java.sql.SQLException {
        // COPY FREEZE marks every page it fills all-frozen; the few it leaves partly filled it does not
        try (java.sql.ResultSet rs = s.executeQuery("SELECT all_frozen * 10 >= 9 * (pg_catalog.pg_relation_size('" + table + "') / 8192)"
                + " AND all_frozen > 0 FROM pg_visibility_map_summary('" + table + "')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
