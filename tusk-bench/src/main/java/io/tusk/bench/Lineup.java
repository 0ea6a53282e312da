package io.tusk.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The contenders of a run, in table order: COPY floors, dumps, restores. Tusk's rows depend on what it can do
 * ({@link TuskCapabilities}); a row it cannot run is listed with the reason.
 */
final class Lineup {
    record Unavailable(String name, Contender.Kind kind, String why) {
    }

    final List<Contender> dumps = new ArrayList<>();
    final List<Contender> restores = new ArrayList<>();
    final List<Unavailable> unavailable = new ArrayList<>();
    /** Which archive Tusk's restores read, for the notes. */
    final String tuskRestoreArchive;

    Lineup(Tools tools, TuskCapabilities can) {
        dumps.add(new JdbcCopyFloor());
        dumps.add(new PsqlCopyFloor(tools));
        dumps.add(CommandContender.dump("pg_dump -Fc", "pg_dump-gzip", (f, uri) -> tools.stock("pg_dump", "-Fc", "-f", f, uri)));
        dumps.add(CommandContender.dump(Bench.DUMP_BASELINE, "pg_dump-zstd", (f, uri) -> tools.stock("pg_dump", "-Fc", "-Z", "zstd", "-f", f, uri)));
        dumps.add(CommandContender.dump("tusk dump -Fc", "tusk-gzip", (f, uri) -> tools.tusk("dump", "-Fc", "-f", f, uri)));
        String zstd = "tusk dump -Fc -Z zstd";
        if (can.zstdDump == null) {
            dumps.add(CommandContender.dump(zstd, "tusk-zstd", (f, uri) -> tools.tusk("dump", "-Fc", "-Z", "zstd", "-f", f, uri)));
        } else {
            unavailable.add(new Unavailable(zstd, Contender.Kind.DUMP, can.zstdDump));
        }
        String compression = can.zstdDump == null ? "zstd" : "gzip";
        String parallel = "tusk dump -Fc -Z " + compression + " -j 2";
        if (can.parallelDump == null) {
            dumps.add(CommandContender.dump(parallel, "tusk-j2", (f, uri) -> tools.tusk("dump", "-Fc", "-Z", compression, "-j", "2", "-f", f, uri)));
        } else {
            unavailable.add(new Unavailable(parallel, Contender.Kind.DUMP, can.parallelDump));
        }

        restores.add(CommandContender.restore(Bench.RESTORE_BASELINE, "pg_dump-zstd", (f, uri) -> tools.stock("pg_restore", "-d", uri, f)));
        restores.add(CommandContender.restore("pg_restore -j 2", "pg_dump-zstd", (f, uri) -> tools.stock("pg_restore", "-j", "2", "-d", uri, f)));
        String archive;
        if (can.readsStockZstd == null) {
            archive = "pg_dump-zstd";
            tuskRestoreArchive = "Tusk restores the same pg_dump -Fc -Z zstd archive as pg_restore.";
        } else {
            archive = can.zstdDump == null ? "tusk-zstd" : "tusk-gzip";
            tuskRestoreArchive = "Tusk cannot read pg_dump's zstd archives yet (" + can.readsStockZstd + "), so it restores its own "
                    + (can.zstdDump == null ? "zstd" : "gzip") + " archive; pg_restore restores pg_dump's zstd archive.";
        }
        String suffix = archive.startsWith("tusk") ? " (own " + compression + " archive)" : "";
        restores.add(CommandContender.restore("tusk restore" + suffix, archive, (f, uri) -> tools.tusk("restore", "-d", uri, f)));
        String parallelRestore = "tusk restore -j 2" + suffix;
        if (can.parallelRestore == null) {
            restores.add(CommandContender.restore(parallelRestore, archive, (f, uri) -> tools.tusk("restore", "-j", "2", "-d", uri, f)));
        } else {
            unavailable.add(new Unavailable(parallelRestore, Contender.Kind.RESTORE, can.parallelRestore));
        }
    }
}
