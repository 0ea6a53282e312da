package io.tusk.dump;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveWriter;
import io.tusk.archive.Compression;
import io.tusk.archive.TableDataSource;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.custom.CustomArchiveWriter;
import io.tusk.archive.directory.DirectoryArchiveWriter;
import io.tusk.archive.plain.PlainScriptWriter;
import io.tusk.archive.tar.TarArchiveWriter;
import io.tusk.catalog.Catalog;
import io.tusk.catalog.CatalogContext;
import io.tusk.catalog.DumpObject;
import io.tusk.catalog.Sql;
import io.tusk.connect.ServerVersion;
import io.tusk.restore.RestoreOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Dumps one database: opens the snapshot, locks the tables, reads the catalog, orders the objects and writes them
 * with their data in the chosen format.
 */
public final class Dumper {
    public static final String VERSION = "Tusk 0.1.0";

    private final DumpOptions options;

    public Dumper(DumpOptions options) {
        this.options = options;
        if (options.schemaOnly && options.dataOnly) {
            throw new TuskException("options -s/--schema-only and -a/--data-only cannot be used together");
        }
        if (options.ifExists && !options.clean) {
            throw new TuskException("option --if-exists requires option -c/--clean");
        }
    }

    /** Opens another connection to the same database, for the workers of a parallel dump. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * Dumps the database the connection is on into {@code options.file} (or the given stream when no file is set).
     * The connection is used for the dump's transaction and left open.
     */
    public void dump(Connection connection, OutputStream stdout) throws IOException {
        dump(connection, null, stdout);
    }

    /**
     * As {@link #dump(Connection, OutputStream)}; with {@code options.jobs > 1} (directory format) the data is copied by
     * that many worker connections from {@code workers}, all reading the leader's exported snapshot.
     */
    public void dump(Connection connection, ConnectionSource workers, OutputStream stdout) throws IOException {
        if (options.jobs > 1 && options.format != DumpOptions.Format.DIRECTORY && options.format != DumpOptions.Format.CUSTOM) {
            throw new TuskException("parallel dump (-j " + options.jobs + ") is only supported with the directory (-Fd) and custom (-Fc) formats");
        }
        if (options.jobs > 1 && workers == null) {
            throw new IllegalArgumentException("a parallel dump needs a source of worker connections");
        }
        List<Connection> workerConnections = new java.util.ArrayList<>();
        try {
            DumpSession session = DumpSession.begin(connection, options);
            String snapshot = options.jobs > 1 ? session.exportSnapshot() : null;
            ObjectSelection selection = new ObjectSelection(options);
            session.lockTables(selection);
            CatalogContext ctx = new CatalogContext(connection, session.serverVersionNum());
            Catalog catalog = Catalog.read(ctx);
            List<DumpObject> selected = TableSplitter.split(selection.select(catalog.objects()), connection, ctx, options);
            TocBuilder toc = new TocBuilder(catalog, options.noPrivileges, options.inserts || options.columnInserts,
                    w -> options.listener.message("warning: " + w));
            if (options.dataOnly) {
                toc.orderDataByForeignKeys();
            }
            addFixedEntries(toc, connection, session);
            toc.addObjects(selected);
            int formatVersion = archiveVersion(ServerVersion.of(session.serverVersionNum()), options.effectiveCompression());
            ArchiveHeader header = new ArchiveHeader(formatVersion, options.effectiveCompression(),
                    session.databaseName(), session.serverVersion(), VERSION, LocalDateTime.now());
            for (ArchiveEntry e : toc.entries()) {
                if (!e.hasData()) {
                    options.listener.objectWritten(e.desc(), e.namespace() == null ? e.tag() : e.namespace() + "." + e.tag());
                }
            }
            if (snapshot != null) {
                for (int i = 0; i < options.jobs; i++) {
                    Connection worker = workers.open();
                    workerConnections.add(worker);
                    DumpSession.joinSnapshot(worker, snapshot);
                }
            }
            TableDataSource data = new TableDataCopier(workerConnections.isEmpty() ? List.of(connection) : workerConnections,
                    !workerConnections.isEmpty(), toc, options);
            write(header, toc.entries(), data, stdout);
            for (Connection worker : workerConnections) {
                worker.commit();
            }
            connection.commit();
        } catch (SQLException e) {
            throw DumpSession.translate(e);
        } finally {
            for (Connection worker : workerConnections) {
                try {
                    worker.close();
                } catch (SQLException ignored) {
                    // the dump's outcome is decided; a worker that fails to close changes nothing
                }
            }
        }
    }

    /**
     * The custom archive version stock pg_dump of the server's major writes: 1.14 for 12-15, 1.15 for 16, 1.16 for
     * 17 and 18. A 1.14 header can only say gzip or none, so lz4 and zstd from a 12-15 server get 1.15, as pg_dump
     * 16 would write them (stock pg_restore 16+ reads it).
     */
    static int archiveVersion(ServerVersion server, Compression compression) {
        // K_VERS_1_16 (pg_dump 17): TOC entries gained the relkind; BLOB METADATA entries and many BLOBS
        if (server.atLeast(ServerVersion.v17)) {
            return ArchiveHeader.version(1, 16, 0);
        }
        // K_VERS_1_15 (pg_dump 16): the header names the compression algorithm instead of a zlib level
        boolean needsAlgorithmByte = compression.algorithm() == Compression.Algorithm.LZ4
                || compression.algorithm() == Compression.Algorithm.ZSTD;
        if (server.atLeast(ServerVersion.v16) || needsAlgorithmByte) {
            return ArchiveHeader.version(1, 15, 0);
        }
        return ArchiveHeader.version(1, 14, 0);
    }

    private void addFixedEntries(TocBuilder toc, Connection connection, DumpSession session) throws SQLException {
        toc.addFixed("ENCODING", "ENCODING", "", "SET client_encoding = 'UTF8';\n", "", "0", "0");
        toc.addFixed("STDSTRINGS", "STDSTRINGS", "", "SET standard_conforming_strings = 'on';\n", "", "0", "0");
        toc.addFixed("SEARCHPATH", "SEARCHPATH", "", "SELECT pg_catalog.set_config('search_path', '', false);\n", "", "0", "0");
        if (options.dataOnly || !options.tables.isEmpty() || !options.schemas.isEmpty()) {
            return;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT d.oid, d.datname, pg_catalog.pg_get_userbyid(d.datdba) AS owner,"
                     + " pg_catalog.pg_encoding_to_char(d.encoding) AS encoding, d.datcollate, d.datctype,"
                     + " pg_catalog.shobj_description(d.oid, 'pg_database') AS comment"
                     + " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()")) {
            rs.next();
            String name = rs.getString("datname");
            String q = Sql.ident(name);
            toc.addFixed("DATABASE", name, rs.getString("owner"),
                    "CREATE DATABASE " + q + " WITH TEMPLATE = template0 ENCODING = " + Sql.literal(rs.getString("encoding"))
                            + " LC_COLLATE = " + Sql.literal(rs.getString("datcollate")) + " LC_CTYPE = " + Sql.literal(rs.getString("datctype")) + ";\n",
                    "DROP DATABASE " + q + ";\n", Long.toString(CatalogContext.PG_DATABASE), rs.getString("oid"));
            if (rs.getString("comment") != null) {
                toc.addAttachedToLast("COMMENT", "DATABASE " + name, rs.getString("owner"),
                        "COMMENT ON DATABASE " + q + " IS " + Sql.literal(rs.getString("comment")) + ";\n");
            }
        }
    }

    private void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data, OutputStream stdout) throws IOException {
        Path file = options.file;
        if (options.format == DumpOptions.Format.DIRECTORY) {
            if (file == null) {
                throw new TuskException("the directory format needs an output directory (-f), it cannot write to standard output");
            }
            DirectoryArchiveWriter writer = new DirectoryArchiveWriter(file, options.jobs);
            (options.noSync ? writer.withoutSync() : writer).write(header, entries, data);
            return;
        }
        if (options.format == DumpOptions.Format.TAR) {
            ArchiveWriter writer = file == null ? new TarArchiveWriter(nonClosing(stdout))
                    : io.tusk.archive.OutputFiles.replaceable(file) ? tarFile(file)
                    : new TarArchiveWriter(Files.newOutputStream(file));
            writer.write(header, entries, data);
            return;
        }
        if (options.format == DumpOptions.Format.CUSTOM) {
            ArchiveWriter writer = file == null ? new CustomArchiveWriter(nonClosing(stdout), options.jobs)
                    : io.tusk.archive.OutputFiles.replaceable(file) ? customFile(file)
                    : new CustomArchiveWriter(Files.newOutputStream(file), options.jobs);
            writer.write(header, entries, data);
            return;
        }
        if (file == null) {
            plainWriter(nonClosing(stdout)).write(header, entries, data);
            return;
        }
        io.tusk.archive.OutputFiles.write(file, !options.noSync, sink -> {
            plainWriter(sink).write(header, entries, data);
            return null;
        });
    }

    private ArchiveWriter tarFile(Path file) {
        TarArchiveWriter writer = new TarArchiveWriter(file);
        return options.noSync ? writer.withoutSync() : writer;
    }

    private ArchiveWriter customFile(Path file) {
        CustomArchiveWriter writer = new CustomArchiveWriter(file, options.jobs);
        return options.noSync ? writer.withoutSync() : writer;
    }

    private ArchiveWriter plainWriter(OutputStream sink) throws IOException {
        Compression c = options.effectiveCompression();
        // the whole script compressed, as pg_dump -Fp -Z does: a gzip file, an LZ4 frame or a zstd frame
        OutputStream script = Codec.of(c).compressingFile(sink);
        RestoreOptions ro = new RestoreOptions();
        ro.clean = options.clean;
        ro.ifExists = options.ifExists;
        ro.create = options.create;
        ro.noOwner = options.noOwner;
        ro.noPrivileges = options.noPrivileges;
        ro.producer = VERSION;
        return new PlainScriptWriter(script, ro);
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
