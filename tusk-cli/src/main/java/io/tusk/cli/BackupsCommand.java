package io.tusk.cli;

import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tusk backups}: the complete backups (those with a manifest) in a storage. */
@Command(name = "backups", versionProvider = Main.Version.class, sortOptions = false,
        description = "Lists the complete backups in a storage (those with a manifest), oldest first.")
final class BackupsCommand implements Callable<Integer> {
    @Option(names = "--at", required = true, paramLabel = "URL", description = "storage: file:///DIR or s3://BUCKET/PREFIX?...")
    String at;

    @Option(names = "--database", paramLabel = "NAME", description = "only the backups of this database")
    String database;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() throws Exception {
        try (Storage storage = StorageUrls.open(at)) {
            StringBuilder out = new StringBuilder(String.format("%-26s %-20s %-21s %12s %-9s %s%n",
                    "BACKUP", "DATABASE", "STARTED", "BYTES", "ENCRYPTED", "SERVER"));
            for (BackupManifest m : BackupCatalog.list(storage, database)) {
                out.append(String.format("%-26s %-20s %-21s %12d %-9s %s%n", m.backupId(), m.database(),
                        m.startedAt().replaceFirst("\\.\\d+Z$", "Z"), m.storedBytes(), m.encrypted() ? m.keyId() : "no", m.serverVersion()));
            }
            System.out.print(out);
            return 0;
        }
    }
}
