package io.tusk.restore;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.TableDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;

/** Restores an archive into a database or into a SQL script, as pg_restore does. */
public final class Restorer {
    private Restorer() {
    }

    /**
     * Restores into the database the connection is on (with --create: creates the archive's database from it and
     * continues there). Returns the number of errors ignored; with --exit-on-error or -1 the first error throws.
     */
    public static int toDatabase(ArchiveReader archive, RestoreOptions options, Connection connection,
                                 DatabaseTarget.Reconnector reconnector, PrintStream errors, String program) throws IOException {
        DatabaseTarget target = new DatabaseTarget(connection, reconnector, options.stopOnFirstError(), errors, program);
        if (options.jobs > 1 && !archive.supportsRandomAccess()) {
            throw new TuskException("parallel restore (-j " + options.jobs + ") needs an archive file: it cannot read standard input");
        }
        if (options.jobs > 1 && options.singleTransaction) {
            throw new TuskException("options -1/--single-transaction and -j/--jobs cannot be used together");
        }
        try {
            return new RestoreProcess(archive.entries(), options, target, dataOf(archive))
                    .parallel(options.jobs, database -> {
                        try {
                            return new DatabaseTarget(reconnector.open(database), reconnector, options.stopOnFirstError(), errors, program);
                        } catch (java.sql.SQLException e) {
                            throw new TuskException("could not open a connection for a parallel restore worker: " + e.getMessage(), e);
                        }
                    })
                    .run(archive.header().serverVersion(), archive.header().dumperVersion());
        } catch (TuskException e) {
            throw e;
        } finally {
            target.close();
        }
    }

    /** Writes the restore as a SQL script; the sink is closed. */
    public static void toScript(ArchiveReader archive, RestoreOptions options, OutputStream scriptSink) throws IOException {
        ScriptRestore.write(archive.header(), archive.entries(), dataOf(archive), options, scriptSink);
    }

    private static TableDataSource dataOf(ArchiveReader archive) {
        return new TableDataSource() {
            @Override
            public void copyOut(ArchiveEntry entry, OutputStream sink) throws IOException {
                InputStream opened;
                // Finding a block may scan and remember offsets; reading it afterwards is independent per stream.
                synchronized (archive) {
                    opened = archive.openData(entry);
                }
                try (InputStream rows = opened) {
                    rows.transferTo(sink);
                }
            }

            @Override
            public long sizeHint(ArchiveEntry entry) {
                return Math.max(0, archive.dataSize(entry));
            }
        };
    }
}
