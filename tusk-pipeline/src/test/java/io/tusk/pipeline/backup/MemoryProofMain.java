package io.tusk.pipeline.backup;

import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run by {@link BackupMemoryTest} in a JVM of small heap: backs up the database at {@code args[0]} (a JDBC URL) into
 * the directory {@code args[1]}, verifies it, and prints the archive size and the peak heap use.
 */
public final class MemoryProofMain {
    private MemoryProofMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Storage storage = StorageUrls.open(args[1]); Connection c = DriverManager.getConnection(args[0])) {
            BackupManifest m = new BackupPipeline(storage).backup(c, "memory-proof", null, null);
            BackupReader.VerifyReport report = new BackupReader(storage, null).verify(m);
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("archiveBytes=" + m.archiveBytes() + " dataBytes=" + report.dataBytes() + " peakHeap=" + peak
                    + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }
}
