package io.tusk.cli;

import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupReader;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tusk verify}: reads a backup back without a database. */
@Command(name = "verify", versionProvider = Main.Version.class, sortOptions = false,
        description = {"Checks a backup without a database: size and SHA-256 against its manifest, decryption, and every data block of the archive read to its end.",
                "Exit codes: 0 sound, 3 wrong or missing key, 4 truncated or altered, 1 other errors."})
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "URL", description = "storage: file:///DIR or s3://BUCKET/PREFIX?...")
    String from;

    @Option(names = "--backup", required = true, paramLabel = "ID", description = "the backup id (see tusk backups)")
    String backupId;

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
            BackupReader.VerifyReport r = new BackupReader(storage, keyArgs.key()).verify(m);
            System.out.println("backup " + m.backupId() + " of " + m.database() + " is sound: " + m.storedBytes()
                    + " bytes, sha256 " + m.sha256() + ", " + r.entries() + " archive entries, " + r.dataEntries()
                    + " data blocks (" + r.dataBytes() + " bytes of rows) read");
            return 0;
        }
    }
}
