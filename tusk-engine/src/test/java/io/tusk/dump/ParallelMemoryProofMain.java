package io.tusk.dump;

import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.archive.Compression;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run by {@link ParallelMemoryTest} in a JVM of small heap: dumps the database at {@code args[0]} (a JDBC URL) as a
 * custom archive with two workers splitting its big table, restores it into {@code args[1]} with three connections
 * splitting the load, and prints the archive size and the peak heap use.
 */
public final class ParallelMemoryProofMain {
    private ParallelMemoryProofMain() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[2]);
        DumpOptions dump = new DumpOptions();
        dump.format = DumpOptions.Format.CUSTOM;
        dump.compression = Compression.parse("lz4");
        dump.file = archive;
        dump.jobs = 2;
        dump.splitTableBytes = 8L << 20;
        try (Connection c = DriverManager.getConnection(args[0])) {
            new Dumper(dump).dump(c, () -> DriverManager.getConnection(args[0]), OutputStream.nullOutputStream());
        }
        long parts;
        try (ArchiveReader reader = Archives.open(archive)) {
            parts = reader.entries().stream().filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("wide")).count();
        }
        RestoreOptions restore = new RestoreOptions();
        // three connections: the first part of the split table is loaded over all three (SplitCopy), then the second
        restore.jobs = 3;
        restore.exitOnError = true;
        try (ArchiveReader reader = Archives.open(archive); Connection c = DriverManager.getConnection(args[1])) {
            Restorer.toDatabase(reader, restore, c, database -> DriverManager.getConnection(args[1]), System.err, "tusk restore");
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("parts=" + parts + " archiveBytes=" + Files.size(archive) + " peakHeap=" + peak + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
