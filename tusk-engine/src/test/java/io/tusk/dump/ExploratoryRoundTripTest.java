package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.custom.CustomArchiveReader;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploratoryRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void pagilaRoundTrips() throws Exception {
        int major = Integer.getInteger("major", 15);
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(major)) {
            pg.createDatabase("src");
            SampleDatabases.loadPagila(pg, "src");
            SampleDatabases.loadChinook(pg, "src", "chinook");
            if (Boolean.getBoolean("allobjects")) {
                SampleDatabases.loadAllObjects(pg, "src");
            }
            DumpOptions plain = new DumpOptions();
            plain.file = dir.resolve("dump.sql");
            try (Connection c = pg.connect("src")) {
                new Dumper(plain).dump(c, OutputStream.nullOutputStream());
            }
            Files.copy(plain.file, Path.of("/tmp/tusk-explore.sql"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            pg.createDatabase("plain_copy");
            StockClient.of(15).tool("psql").args("-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", plain.file.toString(), pg.uri("plain_copy")).run();
            var plainResult = DatabaseComparator.compare(pg, "src", "plain_copy");
            Files.writeString(Path.of("/tmp/tusk-explore-plain.diff"), plainResult.toString());

            DumpOptions custom = new DumpOptions();
            custom.format = DumpOptions.Format.CUSTOM;
            custom.file = dir.resolve("dump.custom");
            try (Connection c = pg.connect("src")) {
                new Dumper(custom).dump(c, OutputStream.nullOutputStream());
            }
            pg.createDatabase("custom_copy");
            int errors;
            try (CustomArchiveReader r = CustomArchiveReader.open(custom.file); Connection c = pg.connect("custom_copy")) {
                errors = Restorer.toDatabase(r, new RestoreOptions(), c, db -> pg.connect(db), System.err, "tusk restore");
            }
            var customResult = DatabaseComparator.compare(pg, "src", "custom_copy");
            Files.writeString(Path.of("/tmp/tusk-explore-custom.diff"), customResult.toString());
            assertThat(plainResult.identical()).as(plainResult.toString()).isTrue();
            assertThat(errors).isZero();
            assertThat(customResult.identical()).as(customResult.toString()).isTrue();
        }
    }
}
