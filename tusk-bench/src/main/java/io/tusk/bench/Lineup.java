package io.tusk.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The contenders of a run, in table order: COPY floors, dumps, restores. Tusk's rows depend on what it can do
 * ({@link TuskCapabilities}); a row it cannot run stays in the table as "n/a", with the reason.
 */
final class Lineup {
    /** A table row: its name, kind, and why it is not run (null when it is). */
    record Entry(String name, Contender.Kind kind, String unavailable) {
    }

    final List<Contender> dumps = new ArrayList<>();
    final List<Contender> restores = new ArrayList<>();
    final List<Entry> rows = new ArrayList<>();
    /** Which archive Tusk's restores read, for the notes. */
    final String tuskRestoreArchive;

    Lineup(Tools tools, TuskCapabilities can) {
        add(dumps, new JdbcCopyFloor());
        add(dumps, new PsqlCopyFloor(tools));
        add(dumps, CommandContender.dump("pg_dump -Fc", "pg_dump-gzip", (f, uri) -> tools.stock("pg_dump", "-Fc", "-f", f, uri)));
        add(dumps, CommandContender.dump(Bench.DUMP_BASELINE, "pg_dump-zstd", (f, uri) -> tools.stock("pg_dump", "-Fc", "-Z", "zstd", "-f", f, uri)));
        // lz4 costs the client little CPU, so it shows what splitting a table over two workers gains when the
        // compressor does not already fill the second core
        add(dumps, CommandContender.dump("pg_dump -Fc -Z lz4", "pg_dump-lz4", (f, uri) -> tools.stock("pg_dump", "-Fc", "-Z", "lz4", "-f", f, uri)));
        add(dumps, CommandContender.dump("tusk dump -Fc", "tusk-gzip", (f, uri) -> tools.tusk("dump", "-Fc", "-f", f, uri)));
        addIf(dumps, can.zstdDump, CommandContender.dump("tusk dump -Fc -Z zstd", "tusk-zstd",
                (f, uri) -> tools.tusk("dump", "-Fc", "-Z", "zstd", "-f", f, uri)));
        String compression = can.zstdDump == null ? "zstd" : "gzip";
        addIf(dumps, can.parallelDump, CommandContender.dump("tusk dump -Fc -Z " + compression + " -j 2", "tusk-c-j2",
                (f, uri) -> tools.tusk("dump", "-Fc", "-Z", compression, "-j", "2", "-f", f, uri)));
        addIf(dumps, can.parallelDump, CommandContender.dump("tusk dump -Fd -Z " + compression + " -j 2", "tusk-j2",
                (f, uri) -> tools.tusk("dump", "-Fd", "-Z", compression, "-j", "2", "-f", f, uri)));
        add(dumps, CommandContender.dump("tusk dump -Fc -Z lz4", "tusk-lz4", (f, uri) -> tools.tusk("dump", "-Fc", "-Z", "lz4", "-f", f, uri)));
        addIf(dumps, can.parallelDump, CommandContender.dump("tusk dump -Fc -Z lz4 -j 2", "tusk-lz4-j2",
                (f, uri) -> tools.tusk("dump", "-Fc", "-Z", "lz4", "-j", "2", "-f", f, uri)));

        add(restores, CommandContender.restore(Bench.RESTORE_BASELINE, "pg_dump-zstd", (f, uri) -> tools.stock("pg_restore", "-d", uri, f)));
        add(restores, CommandContender.restore("pg_restore -j 2", "pg_dump-zstd", (f, uri) -> tools.stock("pg_restore", "-j", "2", "-d", uri, f)));
        String archive;
        if (can.readsStockZstd == null) {
            archive = "pg_dump-zstd";
            tuskRestoreArchive = "Tusk restores the same pg_dump -Fc -Z zstd archive as pg_restore.";
        } else {
            archive = "tusk-" + compression;
            tuskRestoreArchive = "Tusk cannot read pg_dump's zstd archives yet, so it restores its own " + compression
                    + " archive (written in the same round); pg_restore restores pg_dump's zstd archive.";
        }
        String suffix = archive.startsWith("tusk") ? " (own " + compression + " archive)" : "";
        add(restores, CommandContender.restore("tusk restore" + suffix, archive, (f, uri) -> tools.tusk("restore", "-d", uri, f)));
        addIf(restores, can.parallelRestore, CommandContender.restore("tusk restore -j 2" + suffix, archive,
                (f, uri) -> tools.tusk("restore", "-j", "2", "-d", uri, f)));
    }

    private void add(List<Contender> group, Contender c) {
        addIf(group, null, c);
    }

    /** Adds {@code c} to its group, or, when {@code unavailable} says why it cannot run, only to the table. */
    private void addIf(List<Contender> group, String unavailable, Contender c) {
        if (unavailable == null) {
            group.add(c);
        }
        rows.add(new Entry(c.name(), c.kind(), unavailable));
    }
}
