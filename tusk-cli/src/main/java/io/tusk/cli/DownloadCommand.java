package io.tusk.cli;

import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupReader;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tusk download}: a backup as a plain archive file, decrypted and checked. */
@Command(name = "download", aliases = "decrypt", versionProvider = Main.Version.class, sortOptions = false,
        description = "Writes a backup's plain (decrypted) custom-format archive to a file, which pg_restore and tusk restore read.")
final class DownloadCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "URL", description = "storage: file:///DIR or s3://BUCKET/PREFIX?...")
    String from;

    @Option(names = "--backup", required = true, paramLabel = "ID", description = "the backup id (see tusk backups)")
    String backupId;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the archive file to write (replaced once the backup is checked)")
    Path output;

    @Mixin
    KeyArgs keyArgs;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() throws Exception {
        try (Storage storage = StorageUrls.open(from)) {
            BackupManifest m = BackupCatalog.find(storage, backupId);
            long size = new BackupReader(storage, keyArgs.key()).download(m, output);
            System.err.println("tusk download: wrote " + output + " (" + size + " bytes)");
            return 0;
        }
    }
}
