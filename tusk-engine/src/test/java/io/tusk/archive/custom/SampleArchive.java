package io.tusk.archive.custom;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.Compression;
import io.tusk.archive.Section;
import io.tusk.archive.TableDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

/** A small hand-built archive shaped like pg_dump's: schema s, table s.t with awkward rows, s.big with many rows. */
final class SampleArchive {
    static final String T_ROWS = "1\tplain\n"
            + "2\ttab\\there\n"
            + "3\tback\\\\slash\n"
            + "4\tüñí©ødé ✓ 🐘\n"
            + "5\t\\N\n";
    static final int BIG_ROWS = 60_000;

    static final ArchiveEntry ENCODING = entry(1, "ENCODING", Section.PRE_DATA, null, "ENCODING", "",
            "SET client_encoding = 'UTF8';\n", null, null, false, "0", "0", List.of(), null, null, '\0');
    static final ArchiveEntry STDSTRINGS = entry(2, "STDSTRINGS", Section.PRE_DATA, null, "STDSTRINGS", "",
            "SET standard_conforming_strings = 'on';\n", null, null, false, "0", "0", List.of(), null, null, '\0');
    static final ArchiveEntry SCHEMA = entry(5, "SCHEMA", Section.PRE_DATA, null, "s", "postgres",
            "CREATE SCHEMA s;\n", "DROP SCHEMA s;\n", null, false, "2615", "16390", List.of(), null, null, '\0');
    static final ArchiveEntry TABLE = entry(210, "TABLE", Section.PRE_DATA, "s", "t", "postgres",
            "CREATE TABLE s.t (a integer, b text);\n", "DROP TABLE s.t;\n", null, false, "1259", "16391", List.of(5), "",
            "heap", 'r');
    static final ArchiveEntry COMMENT = entry(3300, "COMMENT", Section.NONE, "s", "TABLE t", "postgres",
            "COMMENT ON TABLE s.t IS 'awkward rows';\n", null, null, false, "0", "0", List.of(210), null, null, '\0');
    static final ArchiveEntry BIG = entry(211, "TABLE", Section.PRE_DATA, "s", "big", "postgres",
            "CREATE TABLE s.big (n integer, filler text);\n", "DROP TABLE s.big;\n", null, false, "1259", "16395",
            List.of(5), "", "heap", 'r');
    static final ArchiveEntry T_DATA = entry(3290, "TABLE DATA", Section.DATA, "s", "t", "postgres", null, null,
            "COPY s.t (a, b) FROM stdin;\n", true, "0", "16391", List.of(210), null, null, '\0');
    static final ArchiveEntry BIG_DATA = entry(3291, "TABLE DATA", Section.DATA, "s", "big", "postgres", null, null,
            "COPY s.big (n, filler) FROM stdin;\n", true, "0", "16395", List.of(211), null, null, '\0');
    static final ArchiveEntry INDEX = entry(3150, "INDEX", Section.POST_DATA, "s", "t_a_idx", "postgres",
            "CREATE INDEX t_a_idx ON s.t USING btree (a);\n", "DROP INDEX s.t_a_idx;\n", null, false, "1259", "16398",
            List.of(210), "", null, '\0');

    static final List<ArchiveEntry> SMALL = List.of(ENCODING, STDSTRINGS, SCHEMA, TABLE, COMMENT, T_DATA, INDEX);
    static final List<ArchiveEntry> FULL = List.of(ENCODING, STDSTRINGS, SCHEMA, TABLE, COMMENT, BIG, T_DATA, BIG_DATA, INDEX);

    /** Streams the rows: s.big's are generated, never held whole. */
    static final TableDataSource DATA = (entry, sink) -> {
        if (entry.dumpId() == T_DATA.dumpId()) {
            sink.write(T_ROWS.getBytes(StandardCharsets.UTF_8));
        } else if (entry.dumpId() == BIG_DATA.dumpId()) {
            for (int n = 1; n <= BIG_ROWS; n++) {
                sink.write(bigRow(n).getBytes(StandardCharsets.UTF_8));
            }
        } else {
            throw new IOException("no data for " + entry.displayName());
        }
    };

    static String bigRow(int n) {
        return n + "\tfiller " + (n * 7919L % 100_003) + " \\\\ é\n";
    }

    static String bigRows() {
        StringBuilder all = new StringBuilder();
        for (int n = 1; n <= BIG_ROWS; n++) {
            all.append(bigRow(n));
        }
        return all.toString();
    }

    /** As a 15 server's dump (1.14) for none and gzip, as an 18 server's (1.16) for lz4 and zstd. */
    static ArchiveHeader header(Compression compression) {
        boolean v116 = compression.algorithm() == Compression.Algorithm.LZ4 || compression.algorithm() == Compression.Algorithm.ZSTD;
        return header(v116 ? CustomFormat.V1_16 : CustomFormat.V1_14, compression);
    }

    static ArchiveHeader header(int version, Compression compression) {
        return new ArchiveHeader(version, compression, "sample", version >= CustomFormat.V1_16 ? "18.1" : "15.13",
                "Tusk 0.1.0", LocalDateTime.of(2026, 3, 14, 15, 9, 26));
    }

    private static ArchiveEntry entry(int dumpId, String desc, Section section, String namespace, String tag, String owner,
            String defn, String dropStmt, String copyStmt, boolean hasData, String tableOid, String oid,
            List<Integer> dependencies, String tablespace, String tableAm, char relkind) {
        return new ArchiveEntry(dumpId, desc, section, namespace, tag, owner, tablespace, tableAm, defn, dropStmt, copyStmt,
                hasData, tableOid, oid, dependencies, relkind);
    }

    private SampleArchive() {
    }
}
