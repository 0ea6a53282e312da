package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
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
 * The parallel paths keep memory flat too: a split custom-format dump (its blocks behind the head spooled to disk)
 * and a split restore (rows cut into runs for two connections) of about 200 MB of rows run in a 64 MiB heap.
 */
class ParallelMemoryTest {
    /** 1024 hex digits a row: 200,000 rows make about 210 MB of COPY text. */
    private static final int ROWS = 200_000;
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("source");
        pg.execute("source", "CREATE TABLE wide (id integer PRIMARY KEY, payload text NOT NULL);"
                + " INSERT INTO wide SELECT g, (SELECT string_agg(md5((g * 32 + i)::text), '') FROM generate_series(0, 31) i)"
                + " FROM generate_series(1, " + ROWS + ") g; ANALYZE wide");
        pg.createDatabase("restored");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aSplitDumpAndASplitRestoreOfTwoHundredMegabytesRunInA64MegabyteHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ParallelMemoryProofMain.class.getName(),
                pg.jdbcUrl("source"), pg.jdbcUrl("restored"), dir.resolve("wide.dump").toString())
                .redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String printed = new String(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isZero();

        Matcher m = Pattern.compile("parts=(\\d+) archiveBytes=(\\d+) peakHeap=(\\d+) maxHeap=(\\d+)").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        assertThat(m.group(1)).as("table data parts in the archive").isEqualTo("2");
        long maxHeap = Long.parseLong(m.group(4));
        assertThat(maxHeap).isLessThanOrEqualTo(64L << 20);
        // the rows are three times the heap, the archive alone twice: neither was ever held whole (an
        // OutOfMemoryError ends the child with a non-zero exit); G1 fills whatever heap it has, so the peak itself
        // only shows the cap was reached, not exceeded
        assertThat(ROWS * 1024L).isGreaterThan(3 * maxHeap);
        assertThat(Long.parseLong(m.group(2))).as("the archive, after lz4").isGreaterThan(2 * maxHeap);
        assertThat(Long.parseLong(m.group(3))).as("peak heap").isLessThanOrEqualTo(maxHeap);
        DatabaseComparator.assertIdentical(pg, "source", "restored");
        // a part loaded over three connections commits three transactions: the load was split, not just the dump
        try (java.sql.Connection c = pg.connect("restored");
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(DISTINCT xmin::text) FROM wide")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(3);
        }
    }
}
