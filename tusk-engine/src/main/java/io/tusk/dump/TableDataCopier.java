package io.tusk.dump;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.TableDataSource;
import io.tusk.catalog.DumpObject;
import io.tusk.catalog.Kind;
import io.tusk.TuskException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Streams each table's rows from the source into the archive: COPY ... TO STDOUT, or INSERT statements. */
final class TableDataCopier implements TableDataSource {
    private final Connection connection;
    private final TocBuilder toc;
    private final DumpOptions options;

    TableDataCopier(Connection connection, TocBuilder toc, DumpOptions options) {
        this.connection = connection;
        this.toc = toc;
        this.options = options;
    }

    @Override
    public void copyOut(ArchiveEntry entry, OutputStream dataSink) throws IOException {
        DumpObject table = toc.objectOf(entry);
        DumpObject.TableData data = table.data();
        String name = entry.namespace() + "." + entry.tag();
        options.listener.tableStarted(name, Math.max(0, table.estimatedRows()), table.estimatedBytes());
        ProgressCountingStream counted = new ProgressCountingStream(dataSink, name, options.listener);
        try {
            if (table.kind() == Kind.BLOBS) {
                writeLargeObjects(data, counted);
            } else if (options.inserts || options.columnInserts) {
                writeInserts(data, counted);
            } else {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                copy.copyOut(data.copyOutSql(), counted);
            }
        } catch (SQLException e) {
            throw new TuskException("could not dump the data of table " + name + ": " + e.getMessage(), e);
        }
        counted.finish();
    }

    /** pg_dump reads and writes large objects in chunks of this size (LOBBUFSIZE). */
    private static final int LARGE_OBJECT_CHUNK = 16384;
    /** INV_WRITE of libpq-fs.h: lo_open's mode for writing. */
    private static final int INV_WRITE = 0x20000;

    /**
     * The contents of every large object as pg_dump's plain format writes them: lo_open, one lowrite per chunk,
     * lo_close. Descriptor 0 is the first one a transaction opens; the restore runs these in one transaction.
     */
    private void writeLargeObjects(DumpObject.TableData data, OutputStream sink) throws SQLException, IOException {
        List<Long> oids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(data.insertSql())) {
            while (rs.next()) {
                oids.add(rs.getLong(1));
            }
        }
        try (PreparedStatement chunks = connection.prepareStatement("SELECT pg_catalog.lo_get(?::pg_catalog.oid, ?, " + LARGE_OBJECT_CHUNK + ")")) {
            for (long oid : oids) {
                sink.write(("SELECT pg_catalog.lo_open('" + oid + "', " + INV_WRITE + ");\n").getBytes(StandardCharsets.UTF_8));
                for (long offset = 0; ; offset += LARGE_OBJECT_CHUNK) {
                    chunks.setLong(1, oid);
                    chunks.setLong(2, offset);
                    byte[] chunk;
                    try (ResultSet rs = chunks.executeQuery()) {
                        rs.next();
                        chunk = rs.getBytes(1);
                    }
                    if (chunk.length > 0) {
                        sink.write(("SELECT pg_catalog.lowrite(0, '\\x" + HexFormat.of().formatHex(chunk) + "');\n").getBytes(StandardCharsets.UTF_8));
                    }
                    if (chunk.length < LARGE_OBJECT_CHUNK) {
                        break;
                    }
                }
                sink.write("SELECT pg_catalog.lo_close(0);\n\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void writeInserts(DumpObject.TableData data, OutputStream sink) throws SQLException, IOException {
        String prefix = "INSERT INTO " + data.qualifiedName() + (options.columnInserts ? data.columnList() : "") + " VALUES (";
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery(data.insertSql())) {
                while (rs.next()) {
                    String values = rs.getString(1);
                    String row = values.isEmpty() ? "INSERT INTO " + data.qualifiedName() + " DEFAULT VALUES;\n" : prefix + values + ");\n";
                    sink.write(row.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
