package io.tusk.dump;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.PipelinedOutputStream;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.TableDataSource;
import io.tusk.catalog.DumpObject;
import io.tusk.catalog.Kind;
import io.tusk.TuskException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/** Streams each table's rows from the source into the archive: COPY ... TO STDOUT, or INSERT statements. */
final class TableDataCopier implements TableDataSource {
    private final java.util.concurrent.BlockingQueue<Connection> connections;
    private final boolean workers;
    private final TocBuilder toc;
    private final DumpOptions options;

    /**
     * @param connections one per thread that may copy at once
     * @param workers     true when these are workers sharing the leader's snapshot, which must lock each table
     *                    themselves without waiting (see {@link #lockWithoutWaiting})
     */
    TableDataCopier(List<Connection> connections, boolean workers, TocBuilder toc, DumpOptions options) {
        this.connections = new java.util.concurrent.LinkedBlockingQueue<>(connections);
        this.workers = workers;
        this.toc = toc;
        this.options = options;
    }

    @Override
    public long sizeHint(ArchiveEntry entry) {
        DumpObject o = toc.objectOf(entry);
        return o == null ? 0 : o.estimatedBytes();
    }

    @Override
    public void copyOut(ArchiveEntry entry, OutputStream dataSink) throws IOException {
        Connection connection;
        try {
            connection = connections.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a connection");
        }
        try {
            copyOut(connection, entry, dataSink);
        } finally {
            connections.add(connection);
        }
    }

    /**
     * A worker locks its table with NOWAIT, as pg_dump's workers do: the leader holds ACCESS SHARE already, but if
     * another session queued for ACCESS EXCLUSIVE meanwhile, waiting here would deadlock leader, worker and that
     * session.
     */
    private static void lockWithoutWaiting(Connection worker, ArchiveEntry entry) throws SQLException {
        String table = io.tusk.catalog.Sql.qualified(entry.namespace(), entry.tag());
        try (Statement s = worker.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN ACCESS SHARE MODE NOWAIT");
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new TuskException("could not obtain lock on table " + table + ": another session asked for an"
                        + " ACCESS EXCLUSIVE lock on it after the dump had locked it; retry the dump when that session is done", e);
            }
            throw e;
        }
    }

    private void copyOut(Connection connection, ArchiveEntry entry, OutputStream dataSink) throws IOException {
        DumpObject table = toc.objectOf(entry);
        DumpObject.TableData data = table.data();
        String name = entry.namespace() + "." + entry.tag();
        options.listener.tableStarted(name, Math.max(0, table.estimatedRows()), table.estimatedBytes());
        ProgressCountingStream counted = new ProgressCountingStream(dataSink, name, options.listener);
        try {
            if (workers && table.kind() == Kind.TABLE_DATA) {
                lockWithoutWaiting(connection, entry);
            }
            if (table.kind() == Kind.BLOBS) {
                writeLargeObjects(connection, data, counted);
            } else if (options.inserts || options.columnInserts) {
                writeInserts(connection, data, counted);
            } else {
                copyRows(connection, data.copyOutSql(), counted);
            }
        } catch (SQLException e) {
            throw new TuskException("could not dump the data of table " + name + ": " + e.getMessage(), e);
        }
        counted.finish();
    }

    /**
     * COPY ... TO STDOUT, one row per CopyData message, into a pipeline that compresses and writes on another thread.
     * A failure cancels the COPY, which leaves the connection usable (pgjdbc's CopyManager does the same).
     */
    private static void copyRows(Connection connection, String copySql, ProgressCountingStream rowsSink) throws SQLException, IOException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        rowsSink.rowsCountedByCaller();
        PipelinedOutputStream pipeline = new PipelinedOutputStream(rowsSink);
        try {
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                pipeline.write(row, 0, row.length);
                rowsSink.countRow();
            }
            pipeline.close();
        } catch (IOException | RuntimeException e) {
            pipeline.abandon();
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    /**
     * Every large object of the entry as {@link LargeObjectFrames}, read with lo_get in chunks of pg_dump's size:
     * memory stays flat whatever an object's size. Each archive writer lays the frames out as its format wants.
     */
    private void writeLargeObjects(Connection connection, DumpObject.TableData data, OutputStream framesSink) throws SQLException, IOException {
        List<Long> oids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(data.insertSql())) {
            while (rs.next()) {
                oids.add(rs.getLong(1));
            }
        }
        LargeObjectFrames.Sink frames = LargeObjectFrames.encoding(framesSink);
        int chunkSize = LargeObjectFrames.CHUNK_SIZE;
        try (PreparedStatement chunks = connection.prepareStatement("SELECT pg_catalog.lo_get(?::pg_catalog.oid, ?, " + chunkSize + ")")) {
            for (long oid : oids) {
                frames.startObject(oid);
                for (long offset = 0; ; offset += chunkSize) {
                    chunks.setLong(1, oid);
                    chunks.setLong(2, offset);
                    byte[] chunk;
                    try (ResultSet rs = chunks.executeQuery()) {
                        rs.next();
                        chunk = rs.getBytes(1);
                    }
                    frames.write(chunk, 0, chunk.length);
                    if (chunk.length < chunkSize) {
                        break;
                    }
                }
                frames.endObject(oid);
            }
        }
    }

    private void writeInserts(Connection connection, DumpObject.TableData data, OutputStream sink) throws SQLException, IOException {
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
