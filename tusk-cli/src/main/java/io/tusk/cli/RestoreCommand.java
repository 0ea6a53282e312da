package io.tusk.cli;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Section;
import io.tusk.archive.Archives;
import io.tusk.connect.ConnectionFactory;
import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupReader;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import io.tusk.restore.RestoreListing;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tusk restore}: pg_restore's command line. */
@Command(name = "restore", versionProvider = Main.Version.class, sortOptions = false,
        description = {"Restores a custom, directory or tar archive (Tusk's or pg_dump's) into a database, or into a SQL script, as pg_restore does.",
                "Without FILE the archive is read from standard input."})
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the archive (default: standard input)")
    Path archive;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME", description = "restore into this database (name or connection string)")
    String dbname;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "write a SQL script to this file (- for standard output)")
    String file;

    @Option(names = {"-F", "--format"}, paramLabel = "c", description = "archive format: c (custom), d (directory), t (tar); detected when not given")
    String format;

    @Option(names = {"-l", "--list"}, description = "print the archive's table of contents")
    boolean list;

    @Option(names = {"-L", "--use-list"}, paramLabel = "FILE", description = "restore only the entries of this list, in its order")
    Path useList;

    @Option(names = {"-s", "--schema-only"}, description = "restore only the schema")
    boolean schemaOnly;

    @Option(names = {"-a", "--data-only"}, description = "restore only the data")
    boolean dataOnly;

    @Option(names = {"-t", "--table"}, paramLabel = "NAME", description = "restore only this table (or view, sequence)")
    List<String> tables = new ArrayList<>();

    @Option(names = {"-n", "--schema"}, paramLabel = "NAME", description = "restore only objects in this schema")
    List<String> schemas = new ArrayList<>();

    @Option(names = {"-N", "--exclude-schema"}, paramLabel = "NAME", description = "do not restore objects in this schema")
    List<String> excludeSchemas = new ArrayList<>();

    @Option(names = {"-I", "--index"}, paramLabel = "NAME", description = "restore only this index")
    List<String> indexes = new ArrayList<>();

    @Option(names = {"-P", "--function"}, paramLabel = "NAME(ARGS)", description = "restore only this function")
    List<String> functions = new ArrayList<>();

    @Option(names = {"-T", "--trigger"}, paramLabel = "NAME", description = "restore only this trigger")
    List<String> triggers = new ArrayList<>();

    @Option(names = "--section", paramLabel = "SECTION", description = "restore only this section: pre-data, data or post-data")
    List<String> sections = new ArrayList<>();

    @Option(names = {"-c", "--clean"}, description = "drop objects before recreating them")
    boolean clean;

    @Option(names = "--if-exists", description = "use IF EXISTS when dropping (with -c)")
    boolean ifExists;

    @Option(names = {"-C", "--create"}, description = "create the archive's database, then restore into it")
    boolean create;

    @Option(names = {"-O", "--no-owner"}, description = "do not set object ownership")
    boolean noOwner;

    @Option(names = {"-x", "--no-privileges", "--no-acl"}, description = "do not restore privileges")
    boolean noPrivileges;

    @Option(names = {"-1", "--single-transaction"}, description = "restore in one transaction (implies --exit-on-error)")
    boolean singleTransaction;

    @Option(names = {"-e", "--exit-on-error"}, description = "stop at the first error (default: go on and count them)")
    boolean exitOnError;

    @Option(names = "--disable-triggers", description = "disable triggers while loading data (with -a)")
    boolean disableTriggers;

    @Option(names = "--no-data-for-failed-tables", description = "skip the data of tables that could not be created")
    boolean noDataForFailedTables;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "restore data and post-data with N connections (needs an archive file and -d)")
    int jobs = 1;

    @Option(names = "--split-size", paramLabel = "MB", description = "with -j: load a table whose data takes at least MB megabytes of the archive over every free connection at once; 0 never (default: ${DEFAULT-VALUE})")
    long splitSizeMb = 8;

    @Option(names = {"-v", "--verbose"}, description = "report what is restored on standard error")
    boolean verbose;

    @Mixin
    ConnectionArgs connection;

    @Option(names = "--from", paramLabel = "URL", description = "restore a backup from this storage (file:///DIR, s3://BUCKET/PREFIX?...) instead of FILE; needs --backup and -d")
    String from;

    @Option(names = "--backup", paramLabel = "ID", description = "with --from: the backup id (see tusk backups)")
    String backupId;

    @Mixin
    KeyArgs keyArgs;

    // -h is --host, as in pg_dump and pg_restore; help is -? as there.
    @Option(names = {"-?", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @Override
    public Integer call() throws Exception {
        RestoreOptions options = options();
        if (!list && dbname == null && file == null) {
            throw new TuskException("one of -d/--dbname and -f/--file must be specified");
        }
        if (dbname != null && file != null) {
            throw new TuskException("options -d/--dbname and -f/--file cannot be used together");
        }
        if (jobs < 1) {
            throw new TuskException("invalid number of parallel jobs: " + jobs);
        }
        if (from != null || backupId != null) {
            return restoreBackup(options);
        }
        try (ArchiveReader reader = open()) {
            if (list) {
                printList(reader, options);
                return 0;
            }
            if (file != null) {
                writeScript(reader, options);
                return 0;
            }
            ConnectionFactory factory = connection.factory(dbname);
            int errors;
            try (Connection c = factory.open()) {
                errors = Restorer.toDatabase(reader, options, c, db -> factory.forDatabase(db).open(), System.err, "tusk restore");
            } catch (SQLException e) {
                throw new TuskException(e.getMessage(), e);
            }
            if (errors > 0) {
                System.err.println("tusk restore: warning: errors ignored on restore: " + errors);
                return 1;
            }
            return 0;
        }
    }

    /** From a storage: streamed, decrypted and checked against its manifest as it is restored. */
    private int restoreBackup(RestoreOptions options) throws IOException {
        if (from == null || backupId == null || dbname == null || archive != null || list || file != null) {
            throw new TuskException("a restore from a storage needs --from URL, --backup ID and -d DBNAME, and takes no FILE, -f or -l");
        }
        if (jobs > 1) {
            throw new TuskException("parallel restore (-j " + jobs + ") needs an archive file: a backup is streamed from its storage; use tusk download first");
        }
        ConnectionFactory factory = connection.factory(dbname);
        int errors;
        try (Storage storage = StorageUrls.open(from); Connection c = factory.open()) {
            BackupManifest manifest = BackupCatalog.find(storage, backupId);
            errors = new BackupReader(storage, keyArgs.key()).restore(manifest, options, c,
                    db -> factory.forDatabase(db).open(), System.err, "tusk restore");
        } catch (SQLException e) {
            throw new TuskException(e.getMessage(), e);
        }
        if (errors > 0) {
            System.err.println("tusk restore: warning: errors ignored on restore: " + errors);
            return 1;
        }
        return 0;
    }

    private ArchiveReader open() throws IOException {
        if (format != null && !List.of("c", "custom", "d", "directory", "t", "tar").contains(format.toLowerCase())) {
            throw new TuskException("unrecognized archive format \"" + format + "\"; please specify \"c\", \"d\", or \"t\"");
        }
        return archive == null ? Archives.open(System.in) : Archives.open(archive);
    }

    private void printList(ArchiveReader reader, RestoreOptions options) throws IOException {
        ArchiveHeader h = reader.header();
        StringBuilder out = new StringBuilder();
        String created = h.createdAt().atZone(java.time.ZoneId.systemDefault())
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", java.util.Locale.ROOT));
        // Archives before 1.15 store a zlib level (-1 default, 0 none); later ones an algorithm, named by pg_restore.
        String compression = h.versionMinor() < 15
                ? Integer.toString(h.compression().isNone() ? 0 : h.compression().level())
                : h.compression().algorithm().name().toLowerCase(java.util.Locale.ROOT);
        out.append(";\n; Archive created at ").append(created).append("\n;     dbname: ").append(h.database())
                .append("\n;     TOC Entries: ").append(reader.entries().size())
                .append("\n;     Compression: ").append(compression)
                .append("\n;     Dump Version: ").append(h.versionString())
                .append("\n;     Format: ").append(formatName(reader)).append("\n;     Integer: 4 bytes\n;     Offset: 8 bytes")
                .append("\n;     Dumped from database version: ").append(h.serverVersion())
                .append("\n;     Dumped by pg_dump version: ").append(h.dumperVersion())
                .append("\n;\n;\n; Selected TOC Entries:\n;\n");
        out.append(RestoreListing.list(reader.entries(), options));
        System.out.print(out);
        System.out.flush();
    }

    private static String formatName(ArchiveReader reader) {
        String name = reader.getClass().getSimpleName();
        return name.startsWith("Directory") ? "DIRECTORY" : name.startsWith("Tar") ? "TAR" : "CUSTOM";
    }

    private void writeScript(ArchiveReader reader, RestoreOptions options) throws IOException {
        if (file.equals("-")) {
            Restorer.toScript(reader, options, new NonClosing(System.out));
            return;
        }
        io.tusk.archive.OutputFiles.write(Path.of(file), sink -> {
            Restorer.toScript(reader, options, sink);
            return null;
        });
    }

    RestoreOptions options() throws IOException {
        RestoreOptions o = new RestoreOptions();
        o.schemaOnly = schemaOnly;
        o.dataOnly = dataOnly;
        if (schemaOnly && dataOnly) {
            throw new TuskException("options -s/--schema-only and -a/--data-only cannot be used together");
        }
        if (ifExists && !clean) {
            throw new TuskException("option --if-exists requires option -c/--clean");
        }
        if (create && singleTransaction) {
            throw new TuskException("options -C/--create and -1/--single-transaction cannot be used together");
        }
        o.clean = clean;
        o.ifExists = ifExists;
        o.create = create;
        o.noOwner = noOwner;
        o.noPrivileges = noPrivileges;
        o.singleTransaction = singleTransaction;
        o.exitOnError = exitOnError;
        o.disableTriggers = disableTriggers;
        o.noDataForFailedTables = noDataForFailedTables;
        o.tables.addAll(tables);
        o.schemas.addAll(schemas);
        o.excludeSchemas.addAll(excludeSchemas);
        o.indexes.addAll(indexes);
        o.functions.addAll(functions);
        o.triggers.addAll(triggers);
        for (String s : sections) {
            try {
                o.sections.add(Section.ofOptionName(s));
            } catch (IllegalArgumentException e) {
                throw new TuskException(e.getMessage());
            }
        }
        if (useList != null) {
            o.useList = RestoreListing.parseUseList(Files.readAllLines(useList, StandardCharsets.UTF_8));
        }
        o.producer = "Tusk " + Main.VERSION;
        o.jobs = jobs;
        if (splitSizeMb < 0) {
            throw new TuskException("invalid --split-size " + splitSizeMb + ": give megabytes, or 0 to never split a load");
        }
        o.splitLoadBytes = splitSizeMb << 20;
        return o;
    }

    /** Standard output stays open after the script is written. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
