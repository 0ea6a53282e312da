package io.tusk.pipeline.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat in the size of the database: a backup of about 300 MB of rows, and its verification, run in a
 * JVM of 64 MiB heap. Nothing may hold a table, an archive or an upload whole.
 */
class BackupMemoryTest {
    private static final String DATABASE = "wide";
    /** 1024 hex digits a row; 300,000 rows make about 310 MB of table data. */
    private static final int ROWS = 300_000;
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = EmbeddedPostgres.start(15);
        pg.createDatabase(DATABASE);
        pg.execute(DATABASE, "CREATE TABLE wide (id integer PRIMARY KEY, payload text NOT NULL)");
        // 32 different md5 digests a row, so compression leaves a large archive to stream into the storage too
        pg.execute(DATABASE, "INSERT INTO wide SELECT g, (SELECT string_agg(md5((g * 32 + i)::text), '') FROM generate_series(0, 31) i)"
                + " FROM generate_series(1, " + ROWS + ") g");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldBackUpAndVerifyThreeHundredMegabytesInA64MegabyteHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), MemoryProofMain.class.getName(), pg.jdbcUrl(DATABASE), dir.toString())
                .redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String printed = new String(output, StandardCharsets.UTF_8);
        System.out.println("child JVM: " + printed.strip());
        assertThat(child.exitValue()).as(printed).isZero();

        Matcher m = Pattern.compile("archiveBytes=(\\d+) dataBytes=(\\d+) peakHeap=(\\d+) maxHeap=(\\d+)").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        long dataBytes = Long.parseLong(m.group(2));
        long peakHeap = Long.parseLong(m.group(3));
        assertThat(dataBytes).isGreaterThan(300_000_000L);
        assertThat(Long.parseLong(m.group(1))).as("the archive, after zstd").isGreaterThan(100_000_000L);
        assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(64L << 20);
        assertThat(peakHeap).isLessThan(dataBytes / 4);
        assertThat(BackupCatalog.list(io.tusk.pipeline.storage.StorageUrls.open(dir.toString()), DATABASE)).hasSize(1);
    }
}
