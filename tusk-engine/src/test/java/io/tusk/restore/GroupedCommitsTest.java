package io.tusk.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serial restore commits its entries in groups (one WAL flush for many small tables) and still behaves as if each
 * entry had been committed alone: a failing entry is undone by itself, deferred constraints are checked per entry,
 * --exit-on-error keeps what ran before, and statements PostgreSQL refuses in a transaction block still run.
 */
class GroupedCommitsTest {
    private static final int TABLES = 120;
    private static EmbeddedPostgres pg;
    private static Path archive;
    private static int counter;

    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpManyTables() throws Exception {
        // the newest server (transaction_timeout is 17+); savepoints and SET CONSTRAINTS behave the same since 12,
        // where the round-trip tests restore through groups too
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("source");
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= TABLES; i++) {
            String t = table(i);
            sql.append("CREATE TABLE ").append(t).append(" (id int PRIMARY KEY, v text);\n")
                    .append("INSERT INTO ").append(t).append(" SELECT g, 'row ' || g FROM generate_series(1, ").append(i).append(") g;\n");
        }
        pg.execute("source", sql.toString());
        archive = dumpCustom("source");
    }

    /** Tusk's custom archive of the database, in the test's directory. */
    private static Path dumpCustom(String database) throws Exception {
        DumpOptions options = new DumpOptions();
        options.format = DumpOptions.Format.CUSTOM;
        options.file = dir.resolve(database + ".dump");
        try (Connection c = pg.connect(database)) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        return options.file;
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static String table(int i) {
        return String.format("public.t%03d", i);
    }

    private static String newDatabase(String prepareSql) {
        String db = "target" + (++counter);
        pg.createDatabase(db);
        if (prepareSql != null) {
            pg.execute(db, prepareSql);
        }
        return db;
    }

    private static int restore(String db, Consumer<RestoreOptions> choose, ByteArrayOutputStream errors) throws Exception {
        RestoreOptions options = new RestoreOptions();
        choose.accept(options);
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect(db)) {
            return Restorer.toDatabase(reader, options, c, pg::connect, new PrintStream(errors, true, StandardCharsets.UTF_8), "tusk restore");
        }
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = pg.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertRowsOfEveryTableBut(String db, int skipped) throws Exception {
        for (int i = 1; i <= TABLES; i++) {
            assertThat(count(db, "SELECT count(*) FROM " + table(i))).as(table(i)).isEqualTo(i == skipped ? 0 : i);
        }
    }

    @Test
    void manyEntriesShareATransactionAndAllArrive() throws Exception {
        // txid_current() in a subtransaction is its top-level transaction's: the log tells which commit each table had
        String db = newDatabase("""
                CREATE TABLE public.ddl_log (xid bigint, tag text);
                CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS
                  $$BEGIN INSERT INTO public.ddl_log VALUES (pg_catalog.txid_current(), tg_tag); END$$;
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl();
                """);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(restore(db, o -> { }, errors)).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        assertRowsOfEveryTableBut(db, -1);
        assertThat(count(db, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 't%_pkey'")).isEqualTo(TABLES);
        assertThat(count(db, "SELECT count(*) FROM ddl_log WHERE tag = 'CREATE TABLE'")).isEqualTo(TABLES);
        // one commit per entry would give every table a transaction of its own; groups of 48 entries (a table and
        // its owner are two) give 5 or 6, a few more on a slow machine, where a group is also committed after a second
        assertThat(count(db, "SELECT count(DISTINCT xid) FROM ddl_log WHERE tag = 'CREATE TABLE'"))
                .isBetween(2L, (long) TABLES / 4);
    }

    @Test
    void aFailingEntryIsUndoneAloneAndItsGroupStays() throws Exception {
        // t050 exists already and refuses every row: its CREATE TABLE, COPY and primary key fail, nothing else
        String db = newDatabase("CREATE TABLE public.t050 (id int, v text CHECK (v IS NULL), CONSTRAINT t050_pkey PRIMARY KEY (id))");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int failed = restore(db, o -> { }, errors);

        String printed = errors.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(printed).isEqualTo(3);
        assertThat(printed).contains("relation \"t050\" already exists").contains("violates check constraint")
                .contains("multiple primary keys");
        assertRowsOfEveryTableBut(db, 50);
        assertThat(count(db, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 't%_pkey'")).isEqualTo(TABLES);
    }

    @Test
    void deferredConstraintsAreCheckedForEachEntryNotAtTheGroupsCommit() throws Exception {
        String db = newDatabase(null);
        assertThat(restore(db, o -> o.schemaOnly = true, new ByteArrayOutputStream())).isZero();
        pg.execute(db, "CREATE TABLE public.known (id int PRIMARY KEY);\n"
                + "ALTER TABLE public.t050 ADD FOREIGN KEY (id) REFERENCES public.known DEFERRABLE INITIALLY DEFERRED");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int failed = restore(db, o -> o.dataOnly = true, errors);

        String printed = errors.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(printed).isEqualTo(1);
        assertThat(printed).contains("TABLE DATA public t050").contains("foreign key constraint");
        assertRowsOfEveryTableBut(db, 50);
    }

    @Test
    void exitOnErrorKeepsTheEntriesRestoredBeforeTheFailure() throws Exception {
        String db = newDatabase("CREATE TABLE public.t050 (id int)");
        assertThatThrownBy(() -> restore(db, o -> o.exitOnError = true, new ByteArrayOutputStream()))
                .isInstanceOf(TuskException.class).hasMessageContaining("relation \"t050\" already exists");

        // t001 to t049 were created before t050 failed, in the same group
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(50);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't049' AND tableowner = current_user")).isEqualTo(1);
    }

    @Test
    void aTransactionTimeoutSetForTheDatabaseDoesNotCutAGroup() throws Exception {
        // a group of 48 entries takes far longer than 20 ms; single statements, as pg_restore sends them, do not
        String db = newDatabase(null);
        pg.execute("postgres", "ALTER DATABASE " + db + " SET transaction_timeout = '20ms'");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(restore(db, o -> { }, errors)).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        assertRowsOfEveryTableBut(db, -1);
    }

    @Test
    void entriesThatTogetherExhaustTheLockTableRunAloneAfterTheGroup() throws Exception {
        // A trigger on a partitioned table is cloned onto every partition and locks each. Restored into a server
        // with a small lock table (10 per connection: about 800 slots), 20 such triggers over 20 tables of 150
        // partitions need some 3000 locks in one group; each alone needs 151.
        StringBuilder sql = new StringBuilder("CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;\n");
        for (int t = 1; t <= 20; t++) {
            sql.append("CREATE TABLE public.p").append(t).append(" (k int) PARTITION BY LIST (k);\n");
            for (int i = 1; i <= 150; i++) {
                sql.append("CREATE TABLE public.p").append(t).append('_').append(i).append(" PARTITION OF public.p").append(t)
                        .append(" FOR VALUES IN (").append(i).append(");\n");
            }
            sql.append("CREATE TRIGGER t AFTER INSERT ON public.p").append(t).append(" FOR EACH ROW EXECUTE FUNCTION public.noop();\n");
        }
        pg.createDatabase("partitioned");
        pg.execute("partitioned", sql.toString());
        Path partitioned = dumpCustom("partitioned");
        try (EmbeddedPostgres tight = EmbeddedPostgres.builder(18).setting("max_locks_per_transaction", "10").start()) {
            tight.createDatabase("restored");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int failed;
            try (ArchiveReader reader = Archives.open(partitioned); Connection c = tight.connect("restored")) {
                failed = Restorer.toDatabase(reader, new RestoreOptions(), c, tight::connect,
                        new PrintStream(errors, true, StandardCharsets.UTF_8), "tusk restore");
            }

            assertThat(failed).as(errors.toString(StandardCharsets.UTF_8)).isZero();
            try (Connection c = tight.connect("restored");
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_trigger WHERE tgname = 't'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(20L * 151);
            }
        }
    }

    @Test
    void aStatementRefusedInATransactionBlockRunsAloneAfterTheGroup() throws Exception {
        String db = newDatabase(null);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        DatabaseTarget target = new DatabaseTarget(pg.connect(db), pg::connect, false, new PrintStream(errors, true), "tusk restore");
        try {
            target.groupCommits(true);
            assertThat(target.execute(null, "CREATE TABLE public.first (id int);")).isTrue();
            assertThat(target.execute(null, "VACUUM public.first;")).isTrue();
            assertThat(target.execute(null, "CREATE TABLE public.second (id int);")).isTrue();
            assertThat(target.execute(null, "CREATE TABLE public.first (id int);")).isFalse();
            target.groupCommits(false);
        } finally {
            target.close();
        }
        assertThat(target.errorCount()).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("relation \"first\" already exists").doesNotContain("VACUUM");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('first', 'second')")).isEqualTo(2);
    }
}
