package io.tusk.cli;

import io.tusk.TuskException;
import io.tusk.archive.Compression;
import io.tusk.archive.Section;
import io.tusk.connect.ConnectionFactory;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
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

/** {@code tusk dump}: pg_dump's command line. */
@Command(name = "dump", versionProvider = Main.Version.class, sortOptions = false,
        description = {"Dumps a PostgreSQL database into a SQL script or a custom-format archive, as pg_dump does.",
                "DBNAME may be a database name, a postgresql:// URI or a key=value connection string."})
final class DumpCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DBNAME", description = "database to dump")
    String database;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME", description = "database to dump (or a connection string)")
    String dbname;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "output file (default: standard output)")
    Path file;

    @Option(names = {"-F", "--format"}, paramLabel = "p|c|d|t", description = "output format: p (plain SQL, default), c (custom), d (directory), t (tar)")
    String format = "p";

    @Option(names = {"-Z", "--compress"}, paramLabel = "METHOD[:LEVEL]", description = "compression: 0-9, gzip[:N], lz4[:N], zstd[:N], zstd:long or none")
    String compress;

    @Option(names = {"-s", "--schema-only"}, description = "dump only the schema, no data")
    boolean schemaOnly;

    @Option(names = {"-a", "--data-only"}, description = "dump only the data, not the schema")
    boolean dataOnly;

    @Option(names = {"-t", "--table"}, paramLabel = "PATTERN", description = "dump only the matching tables, views, sequences")
    List<String> tables = new ArrayList<>();

    @Option(names = {"-T", "--exclude-table"}, paramLabel = "PATTERN", description = "do not dump the matching tables")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = {"-n", "--schema"}, paramLabel = "PATTERN", description = "dump only the matching schemas")
    List<String> schemas = new ArrayList<>();

    @Option(names = {"-N", "--exclude-schema"}, paramLabel = "PATTERN", description = "do not dump the matching schemas")
    List<String> excludeSchemas = new ArrayList<>();

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", description = "do not dump the data of the matching tables")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = "--strict-names", description = "fail when a -t or -n pattern matches nothing")
    boolean strictNames;

    @Option(names = {"-C", "--create"}, description = "include commands to create the database")
    boolean create;

    @Option(names = {"-c", "--clean"}, description = "drop objects before recreating them")
    boolean clean;

    @Option(names = "--if-exists", description = "use IF EXISTS when dropping (with -c)")
    boolean ifExists;

    @Option(names = {"-O", "--no-owner"}, description = "do not set object ownership")
    boolean noOwner;

    @Option(names = {"-x", "--no-privileges", "--no-acl"}, description = "do not dump privileges (GRANT/REVOKE)")
    boolean noPrivileges;

    @Option(names = "--section", paramLabel = "SECTION", description = "dump only this section: pre-data, data or post-data")
    List<String> sections = new ArrayList<>();

    @Option(names = "--inserts", description = "dump data as INSERT statements, not COPY")
    boolean inserts;

    @Option(names = "--column-inserts", description = "dump data as INSERT statements with column names")
    boolean columnInserts;

    @Option(names = "--no-sync", description = "do not wait for the output to be written safely to disk (faster; a machine crash soon after may lose it)")
    boolean noSync;

    @Option(names = "--lock-wait-timeout", paramLabel = "TIMEOUT", description = "fail after waiting this long for a table lock (e.g. 500, 10s)")
    String lockWaitTimeout;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "copy table data with N connections at once (directory or custom format)")
    int jobs = 1;

    @Option(names = "--split-size", paramLabel = "MB", description = "with -j: dump tables of at least MB megabytes (estimate) in -j parts at once; 0 never (default: ${DEFAULT-VALUE})")
    long splitSizeMb = 64;

    @Option(names = {"-v", "--verbose"}, description = "report progress on standard error")
    boolean verbose;

    @Mixin
    ConnectionArgs connection;

    // -h is --host, as in pg_dump and pg_restore; help is -? as there.
    @Option(names = {"-?", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @Override
    public Integer call() throws Exception {
        if (database != null && dbname != null) {
            throw new TuskException("give the database either as an argument or with -d, not both");
        }
        DumpOptions options = options();
        ConnectionFactory factory = connection.factory(dbname != null ? dbname : database);
        try (Connection c = factory.open()) {
            new Dumper(options).dump(c, factory::open, System.out);
        } catch (SQLException e) {
            throw new TuskException(e.getMessage(), e);
        }
        System.out.flush();
        return 0;
    }

    DumpOptions options() {
        DumpOptions o = new DumpOptions();
        o.format = switch (format.toLowerCase()) {
            case "p", "plain" -> DumpOptions.Format.PLAIN;
            case "c", "custom" -> DumpOptions.Format.CUSTOM;
            case "d", "directory" -> DumpOptions.Format.DIRECTORY;
            case "t", "tar" -> DumpOptions.Format.TAR;
            default -> throw new TuskException("invalid output format \"" + format + "\" specified: use p, c, d or t");
        };
        o.file = file == null || file.toString().equals("-") ? null : file;
        if (compress != null) {
            try {
                o.compression = Compression.parse(compress);
            } catch (IllegalArgumentException e) {
                throw new TuskException(e.getMessage());
            }
        }
        o.schemaOnly = schemaOnly;
        o.dataOnly = dataOnly;
        o.tables.addAll(tables);
        o.excludeTables.addAll(excludeTables);
        o.schemas.addAll(schemas);
        o.excludeSchemas.addAll(excludeSchemas);
        o.excludeTableData.addAll(excludeTableData);
        o.strictNames = strictNames;
        o.create = create;
        o.clean = clean;
        o.ifExists = ifExists;
        o.noOwner = noOwner;
        o.noPrivileges = noPrivileges;
        o.inserts = inserts;
        o.columnInserts = columnInserts;
        o.noSync = noSync;
        o.lockWaitTimeout = lockWaitTimeout;
        if (jobs < 1) {
            throw new TuskException("invalid number of parallel jobs: " + jobs);
        }
        o.jobs = jobs;
        if (splitSizeMb < 0) {
            throw new TuskException("invalid --split-size: " + splitSizeMb + " (megabytes, 0 to never split)");
        }
        o.splitTableBytes = splitSizeMb << 20;
        for (String s : sections) {
            try {
                o.sections.add(Section.ofOptionName(s));
            } catch (IllegalArgumentException e) {
                throw new TuskException(e.getMessage());
            }
        }
        if (verbose) {
            o.listener = new VerboseProgress(System.err, "tusk dump");
        }
        return o;
    }
}
