package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.custom.CustomArchiveReader;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pagila, Chinook (schema "chinook") and the kit's every-object-kind schema, dumped by Tusk in the plain and the
 * custom format and restored (psql, Tusk's restorer) into fresh databases that stock pg_dump cannot tell apart
 * from the source: the oldest, a middle and the newest supported major.
 */
class AllObjectsRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 15, 18})
    void shouldRestoreEveryObjectKindIdentically(int major) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(major)) {
            pg.createDatabase("src");
            SampleDatabases.loadPagila(pg, "src");
            SampleDatabases.loadChinook(pg, "src", "chinook");
            SampleDatabases.loadAllObjects(pg, "src");

            DumpOptions plain = new DumpOptions();
            plain.file = dir.resolve("dump.sql");
            try (Connection c = pg.connect("src")) {
                new Dumper(plain).dump(c, OutputStream.nullOutputStream());
            }
            pg.createDatabase("plain_copy");
            StockClient.of(15).tool("psql").args("-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", plain.file.toString(), pg.uri("plain_copy")).run();
            DatabaseComparator.assertIdentical(pg, "src", "plain_copy");

            DumpOptions custom = new DumpOptions();
            custom.format = DumpOptions.Format.CUSTOM;
            custom.file = dir.resolve("dump.custom");
            try (Connection c = pg.connect("src")) {
                new Dumper(custom).dump(c, OutputStream.nullOutputStream());
            }
            pg.createDatabase("custom_copy");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int errorCount;
            try (CustomArchiveReader r = CustomArchiveReader.open(custom.file); Connection c = pg.connect("custom_copy");
                 PrintStream errorSink = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
                errorCount = Restorer.toDatabase(r, new RestoreOptions(), c, db -> pg.connect(db), errorSink, "tusk restore");
            }
            assertThat(errorCount).as(errors.toString(StandardCharsets.UTF_8)).isZero();
            DatabaseComparator.assertIdentical(pg, "src", "custom_copy");
        }
    }
}
