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
        DumpOptions options = new DumpOptions();
        options.format = DumpOptions.Format.DIRECTORY;
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
}
