package io.tusk.cli;

import io.tusk.TuskException;
import io.tusk.archive.Compression;
import io.tusk.connect.ConnectionFactory;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupPipeline;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tusk backup}: one backup of a database into a storage, with its manifest. */
@Command(name = "backup", versionProvider = Main.Version.class, sortOptions = false,
        description = {"Backs up a database into a storage: a custom-format archive (zstd), optionally encrypted, then a JSON manifest beside it.",
                "Prints the backup id on standard output."})
final class BackupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DBNAME", description = "database to back up (name or connection string)")
    String dbname;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "storage: file:///DIR or s3://BUCKET/PREFIX?region=..&endpoint=..&pathStyle=true")
    String to;

    @Option(names = {"-Z", "--compress"}, paramLabel = "METHOD[:LEVEL]", description = "archive compression: zstd[:N] (default), gzip[:N], lz4[:N] or none")
    String compress;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "copy table data with N connections at once (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Option(names = "--split-size", paramLabel = "MB", description = "with -j: back up tables of at least MB megabytes (estimate) in -j parts at once; 0 never (default: ${DEFAULT-VALUE})")
    long splitSizeMb = 64;

    @Mixin
    KeyArgs keyArgs;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    @Mixin
    ConnectionArgs connection;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Compression compression;
        try {
            compression = compress == null ? null : Compression.parse(compress);
        } catch (IllegalArgumentException e) {
            throw new TuskException(e.getMessage());
        }
        if (jobs < 1) {
            throw new TuskException("invalid number of parallel jobs: " + jobs);
        }
        if (splitSizeMb < 0) {
            throw new TuskException("invalid --split-size: " + splitSizeMb + " (megabytes, 0 to never split)");
        }
        io.tusk.dump.DumpOptions selection = new io.tusk.dump.DumpOptions();
        selection.jobs = jobs;
        selection.splitTableBytes = splitSizeMb << 20;
        ConnectionFactory factory = connection.factory(dbname);
        try (Storage storage = StorageUrls.open(to); Connection c = factory.open()) {
            BackupManifest m = new BackupPipeline(storage).backup(c, factory::open, factory.spec().host() + ":" + factory.spec().port(),
                    compression, keyArgs.key(), selection);
            System.out.println(m.backupId());
            System.err.println("tusk backup: " + m.database() + " -> " + storage.location() + m.object() + " ("
                    + m.storedBytes() + " bytes" + (m.encrypted() ? ", encrypted with key id " + m.keyId() : "") + ")");
            return 0;
        } catch (SQLException e) {
            throw new TuskException(e.getMessage(), e);
        }
    }
}
