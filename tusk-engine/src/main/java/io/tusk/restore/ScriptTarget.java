package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;
import io.tusk.catalog.Sql;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Writes the restore as a SQL script for psql: pg_dump's plain format, pg_restore -f. */
public final class ScriptTarget implements RestoreTarget {
    private final OutputStream scriptSink;
    /** Null: data inline; else the data file each TABLE DATA's COPY reads, as in a tar archive's restore.sql. */
    private final Function<ArchiveEntry, String> dataFileName;

    public ScriptTarget(OutputStream scriptSink) {
        this(scriptSink, null);
    }

    /**
     * A script whose COPY statements read each table's data from {@code $$PATH$$/<file>}, the form of the restore.sql
     * pg_dump puts in tar archives (pg_backup_tar.c, _PrintTocData for the "special script").
     */
    public ScriptTarget(OutputStream scriptSink, Function<ArchiveEntry, String> dataFileName) {
        this.scriptSink = new BufferedOutputStream(scriptSink, 1 << 16);
        this.dataFileName = dataFileName;
    }

    private void write(String text) throws IOException {
        scriptSink.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void comment(String text) throws IOException {
        write(text);
    }

    @Override
    public boolean execute(ArchiveEntry entry, String sql) throws IOException {
        write(sql);
        return true;
    }

    @Override
    public boolean executeStream(ArchiveEntry entry, DataWriter statements, boolean oneTransaction) throws IOException {
        if (oneTransaction) {
            write("BEGIN;\n\n");
        }
        statements.writeTo(scriptSink);
        if (oneTransaction) {
            write("COMMIT;\n\n");
        }
        return true;
    }

    @Override
    public boolean copy(ArchiveEntry entry, String copyStmt, DataWriter rows, boolean intoNewTable) throws IOException {
        write(copyStmt);
        String fromStdin = " FROM stdin;\n";
        if (dataFileName != null && copyStmt.endsWith(fromStdin)) {
            // pg_dump's own kluge: end the COPY FROM stdin just printed, then COPY from the file
            write("\\.\n" + copyStmt.substring(0, copyStmt.length() - fromStdin.length()) + " FROM '$$PATH$$/"
                    + dataFileName.apply(entry) + "';\n\n");
            return true;
        }
        EndOfLineTracker tracker = new EndOfLineTracker(scriptSink);
        rows.writeTo(tracker);
        if (!tracker.endsWithNewline()) {
            write("\n");
        }
        write("\\.\n\n\n");
        return true;
    }

    @Override
    public void connect(String database) throws IOException {
        write("\\connect " + Sql.ident(database) + "\n\n");
    }

    @Override
    public String database() {
        return null;
    }

    @Override
    public void beginTransaction() throws IOException {
        write("BEGIN;\n\n");
    }

    @Override
    public void commit() throws IOException {
        write("COMMIT;\n\n");
    }

    @Override
    public int errorCount() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        scriptSink.flush();
        scriptSink.close();
    }

    /** Passes bytes through and remembers whether the last one was a newline. */
    private static final class EndOfLineTracker extends OutputStream {
        private final OutputStream sink;
        private int last = '\n';

        EndOfLineTracker(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
            last = b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                sink.write(b, off, len);
                last = b[off + len - 1];
            }
        }

        boolean endsWithNewline() {
            return last == '\n';
        }
    }
}
