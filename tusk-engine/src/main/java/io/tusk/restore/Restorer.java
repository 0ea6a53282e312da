package io.tusk.restore;

import io.tusk.TuskException;
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
        try {
            return new RestoreProcess(archive.entries(), options, target, dataOf(archive))
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
        return (entry, sink) -> {
            try (InputStream rows = archive.openData(entry)) {
                rows.transferTo(sink);
            }
        };
    }
}
