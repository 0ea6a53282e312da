package io.tusk.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.Archives;
import io.tusk.archive.Compression;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every archive format with every codec it takes, written by Tusk and restored by Tusk, on one server per major of
 * the matrix (12, 15, 16, 17, 18): each result equals the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatMatrixTest {
    static final int[] MAJORS = {12, 15, 16, 17, 18};
    /** Codecs of the archive formats; plain scripts are covered by RoundTripTest, tar is uncompressed. */
    static final List<String> CODECS = List.of("none", "gzip", "gzip:9", "lz4", "zstd", "zstd:19");

    private final List<EmbeddedPostgres> servers = new ArrayList<>();
    private final AtomicInteger databases = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    void startServers() {
        for (int major : MAJORS) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(major);
            pg.createDatabase("source");
            SampleDatabases.loadChinook(pg, "source", "chinook");
            SampleDatabases.loadPagila(pg, "source");
            servers.add(pg);
        }
    }

    @AfterAll
    void stopServers() {
        servers.forEach(EmbeddedPostgres::close);
    }

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < MAJORS.length; i++) {
            for (String codec : CODECS) {
                cases.add(Arguments.of(MAJORS[i], DumpOptions.Format.CUSTOM, codec));
                cases.add(Arguments.of(MAJORS[i], DumpOptions.Format.DIRECTORY, codec));
            }
            cases.add(Arguments.of(MAJORS[i], DumpOptions.Format.TAR, "none"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}, {1}, {2}")
    @MethodSource("matrix")
    void tuskRestoresWhatTuskWroteIdentically(int major, DumpOptions.Format format, String codec) throws Exception {
        EmbeddedPostgres pg = servers.get(indexOf(major));
        String name = "copy" + databases.incrementAndGet();
        DumpOptions options = new DumpOptions();
        options.format = format;
        options.compression = Compression.parse(codec);
        options.file = dir.resolve(name + "." + format.name().toLowerCase());
        try (Connection c = pg.connect("source")) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        pg.createDatabase(name);
        try (var reader = Archives.open(options.file); Connection c = pg.connect(name)) {
            assertThat(Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", name);
        pg.dropDatabase(name);
    }

    private static int indexOf(int major) {
        for (int i = 0; i < MAJORS.length; i++) {
            if (MAJORS[i] == major) {
                return i;
            }
        }
        throw new IllegalArgumentException("no server of major " + major);
    }
}
