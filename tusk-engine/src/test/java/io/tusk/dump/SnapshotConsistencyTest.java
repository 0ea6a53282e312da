package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import io.tusk.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump sees one snapshot and holds ACCESS SHARE locks, as pg_dump guarantees. */
class SnapshotConsistencyTest {
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = EmbeddedPostgres.start(16);
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @BeforeEach
    void freshDatabase() {
        pg.dropDatabase("shop");
        pg.createDatabase("shop");
        pg.execute("shop", "CREATE TABLE public.a (id int); CREATE TABLE public.b (id int);"
                + " INSERT INTO public.a VALUES (1), (2), (3); INSERT INTO public.b VALUES (1), (2), (3);");
    }

    private Path dumpWith(DumpListener listener) throws Exception {
        DumpOptions options = new DumpOptions();
        options.file = dir.resolve("shop.sql");
        options.listener = listener;
        try (Connection c = pg.connect("shop")) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        return options.file;
    }

    /** The COPY rows of one table in a plain dump. */
    private static List<String> rowsOf(Path script, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(script)) {
            if (line.startsWith("COPY " + table + " ")) {
                inside = true;
            } else if (inside && line.equals("\\.")) {
                inside = false;
            } else if (inside) {
                rows.add(line);
            }
        }
        return rows;
    }

    @Test
    void rowsCommittedByAnotherSessionWhileTheDumpRunsAreNotInIt() throws Exception {
        Path script = dumpWith(new DumpListener() {
            boolean inserted;

            @Override
            public void tableStarted(String table, long rows, long bytes) {
                if (!inserted) {
                    inserted = true;
                    pg.execute("shop", "INSERT INTO public.a VALUES (100); INSERT INTO public.b VALUES (100)");
                }
            }
        });
        assertThat(rowsOf(script, "public.a")).containsExactly("1", "2", "3");
        assertThat(rowsOf(script, "public.b")).containsExactly("1", "2", "3");
        try (Connection c = pg.connect("shop"); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM public.b")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the insert did commit").isEqualTo(4);
        }
    }

    @Test
    void parallelWorkersShareTheLeadersSnapshot() throws Exception {
        DumpOptions options = new DumpOptions();
        options.format = DumpOptions.Format.DIRECTORY;
        options.file = dir.resolve("shop.dir");
        options.jobs = 2;
        java.util.concurrent.atomic.AtomicBoolean inserted = new java.util.concurrent.atomic.AtomicBoolean();
        options.listener = new DumpListener() {
            @Override
            public void objectWritten(String desc, String name) {
                // after the catalog is read, before any worker exists: rows the workers must not see
                if (inserted.compareAndSet(false, true)) {
                    pg.execute("shop", "INSERT INTO public.a VALUES (100); INSERT INTO public.b VALUES (100)");
                }
            }
        };
        try (Connection c = pg.connect("shop")) {
            new Dumper(options).dump(c, () -> pg.connect("shop"), OutputStream.nullOutputStream());
        }
        assertThat(inserted).isTrue();
        pg.dropDatabase("shop_copy");
        pg.createDatabase("shop_copy");
        try (var reader = io.tusk.archive.Archives.open(options.file); Connection c = pg.connect("shop_copy")) {
            io.tusk.restore.Restorer.toDatabase(reader, new io.tusk.restore.RestoreOptions(), c, pg::connect, System.err, "test");
        }
        try (Connection c = pg.connect("shop_copy");
             ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM public.a), (SELECT count(*) FROM public.b)")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getInt(2)).isEqualTo(3);
        }
    }

    @Test
    void aConcurrentDropTableWaitsUntilTheDumpEnds() throws Exception {
        CompletableFuture<Void>[] drop = new CompletableFuture[1];
        boolean[] blockedWhileDumping = new boolean[1];
        Path script = dumpWith(new DumpListener() {
            @Override
            public void tableStarted(String table, long rows, long bytes) {
                if (drop[0] != null) {
                    return;
                }
                drop[0] = CompletableFuture.runAsync(() -> pg.execute("shop", "DROP TABLE public.b"));
                blockedWhileDumping[0] = waitUntilDropWaitsForALock();
            }
        });
        assertThat(blockedWhileDumping[0]).as("DROP TABLE waited for the dump's lock").isTrue();
        drop[0].get(30, TimeUnit.SECONDS);
        assertThat(Files.readString(script)).contains("CREATE TABLE public.b");
        assertThat(rowsOf(script, "public.b")).containsExactly("1", "2", "3");
    }

    private static boolean waitUntilDropWaitsForALock() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'DROP TABLE public.b%'")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return true;
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return false;
    }

    @Test
    void lockWaitTimeoutFailsTheDumpWhenATableStaysLockedAndLeavesNoFile() throws Exception {
        try (Connection locker = pg.connect("shop")) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE public.b IN ACCESS EXCLUSIVE MODE");
            DumpOptions options = new DumpOptions();
            options.file = dir.resolve("locked.sql");
            options.lockWaitTimeout = "500ms";
            try (Connection c = pg.connect("shop")) {
                assertThatThrownBy(() -> new Dumper(options).dump(c, OutputStream.nullOutputStream()))
                        .isInstanceOf(TuskException.class)
                        .hasMessageContaining("could not lock the tables to dump within --lock-wait-timeout=500ms");
            }
            locker.rollback();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
