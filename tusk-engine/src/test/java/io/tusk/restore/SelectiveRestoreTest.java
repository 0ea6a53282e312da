package io.tusk.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.archive.Section;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pg_restore's selection options: -t, -n, -N, -I, -P, -T, --section, --disable-triggers, --no-data-for-failed-tables. */
class SelectiveRestoreTest {
    private static EmbeddedPostgres pg;
    private static Path archive;
    private static int counter;

    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpSamples() throws Exception {
        pg = EmbeddedPostgres.start(15);
        pg.createDatabase("source");
        SampleDatabases.loadPagila(pg, "source");
        SampleDatabases.loadChinook(pg, "source", "chinook");
        DumpOptions options = new DumpOptions();
        options.format = DumpOptions.Format.CUSTOM;
        options.file = dir.resolve("samples.dump");
        try (Connection c = pg.connect("source")) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        archive = options.file;
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static List<String> listed(Consumer<RestoreOptions> choose) throws Exception {
        RestoreOptions options = new RestoreOptions();
        choose.accept(options);
        try (ArchiveReader reader = Archives.open(archive)) {
            List<String> kinds = new ArrayList<>();
            for (String line : RestoreListing.list(reader.entries(), options).split("\n")) {
                if (!line.isBlank()) {
                    String[] f = line.split(" ");
                    kinds.add(line.substring(line.indexOf(f[3])));
                }
            }
            return kinds;
        }
    }

    /** Restores into a new database; returns its name. Errors are printed to the returned buffer's stream. */
    private static String restore(Consumer<RestoreOptions> choose, String prepareSql, ByteArrayOutputStream errors) throws Exception {
        String db = "target" + (++counter);
        pg.createDatabase(db);
        if (prepareSql != null) {
            pg.execute(db, prepareSql);
        }
        RestoreOptions options = new RestoreOptions();
        choose.accept(options);
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect(db)) {
            Restorer.toDatabase(reader, options, c, pg::connect, new PrintStream(errors, true), "tusk restore");
        }
        return db;
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = pg.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void tableOptionRestoresOnlyThoseTablesAndTheirData() throws Exception {
        assertThat(listed(o -> o.tables.addAll(List.of("actor", "actor_actor_id_seq"))))
                .containsExactly("SEQUENCE public actor_actor_id_seq postgres", "TABLE public actor postgres",
                        "TABLE DATA public actor postgres", "SEQUENCE SET public actor_actor_id_seq postgres");
        String db = restore(o -> o.tables.addAll(List.of("actor", "actor_actor_id_seq")), null, new ByteArrayOutputStream());
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM public.actor")).isEqualTo(200);
    }

    @Test
    void schemaOptionsKeepOrDropWholeSchemas() throws Exception {
        assertThat(listed(o -> o.schemas.add("chinook"))).isNotEmpty().allMatch(l -> l.matches("^([A-Z]+ )+chinook .*"));
        String db = restore(o -> o.schemas.add("chinook"), "CREATE SCHEMA chinook", new ByteArrayOutputStream());
        assertThat(count(db, "SELECT count(*) FROM chinook.track")).isEqualTo(count("source", "SELECT count(*) FROM chinook.track"));
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
        // the kind is upper-case words, then the schema: "TABLE DATA public actor postgres"
        assertThat(listed(o -> o.excludeSchemas.add("public"))).isNotEmpty().noneMatch(l -> l.matches("^([A-Z]+ )+public .*"))
                .anyMatch(l -> l.matches("^([A-Z]+ )+chinook .*"));
    }

    @Test
    void indexFunctionAndTriggerOptionsSelectOnlyThose() throws Exception {
        assertThat(listed(o -> o.indexes.add("idx_last_name"))).containsExactly("INDEX public idx_last_name postgres");
        assertThat(listed(o -> o.functions.add("last_day(timestamp with time zone)")))
                .containsExactly("FUNCTION public last_day(timestamp with time zone) postgres");
        assertThat(listed(o -> o.triggers.add("last_updated"))).isNotEmpty().allMatch(l -> l.startsWith("TRIGGER public ")
                && l.contains(" last_updated "));
    }

    @Test
    void sectionsSplitTheRestoreIntoDefinitionsDataAndConstraints() throws Exception {
        String db = restore(o -> o.sections.add(Section.PRE_DATA), null, new ByteArrayOutputStream());
        assertThat(count(db, "SELECT count(*) FROM public.film")).isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_title'")).isZero();
        RestoreOptions data = new RestoreOptions();
        data.sections.add(Section.DATA);
        RestoreOptions post = new RestoreOptions();
        post.sections.add(Section.POST_DATA);
        for (RestoreOptions next : List.of(data, post)) {
            try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect(db)) {
                assertThat(Restorer.toDatabase(reader, next, c, pg::connect, System.err, "tusk restore")).isZero();
            }
        }
        DatabaseComparator.assertIdentical(pg, "source", db);
    }

    @Test
    void dataOnlyWithDisabledTriggersLoadsTablesWhoseKeysReferenceEachOther() throws Exception {
        // Pagila's store and staff reference each other: with the keys in place, only disabled triggers let the rows in.
        String db = restore(o -> o.schemaOnly = true, null, new ByteArrayOutputStream());
        RestoreOptions dataOnly = new RestoreOptions();
        dataOnly.dataOnly = true;
        dataOnly.disableTriggers = true;
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect(db)) {
            assertThat(Restorer.toDatabase(reader, dataOnly, c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", db);
    }

    @Test
    void noDataForFailedTablesSkipsTheRowsOfATableThatCouldNotBeCreated() throws Exception {
        String prepare = "CREATE TABLE public.actor (actor_id integer, first_name text, last_name text, last_update timestamptz)";
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String db = restore(o -> {
            o.tables.addAll(List.of("actor", "actor_actor_id_seq"));
            o.noDataForFailedTables = true;
        }, prepare, errors);
        assertThat(errors.toString()).contains("relation \"actor\" already exists");
        assertThat(count(db, "SELECT count(*) FROM public.actor")).isZero();

        String loaded = restore(o -> o.tables.addAll(List.of("actor", "actor_actor_id_seq")), prepare, new ByteArrayOutputStream());
        assertThat(count(loaded, "SELECT count(*) FROM public.actor")).as("without the option the rows go in").isEqualTo(200);
    }
}
