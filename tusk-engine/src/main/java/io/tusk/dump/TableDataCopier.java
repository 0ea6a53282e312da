package io.tusk.dump;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.TableDataSource;
import io.tusk.catalog.DumpObject;
import io.tusk.TuskException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
            if (options.inserts || options.columnInserts) {
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
