package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.TableDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/** Restores entries into a SQL script. */
public final class ScriptRestore {
    private ScriptRestore() {
    }

    /** Writes the script and closes the sink. */
    public static void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data, RestoreOptions options,
                             OutputStream scriptSink) throws IOException {
        ScriptTarget target = new ScriptTarget(scriptSink);
        try {
            new RestoreProcess(entries, options, target, data).run(header.serverVersion(), header.dumperVersion());
        } finally {
            target.close();
        }
    }

    /**
     * Writes the restore.sql of a tar archive: the script with each table's COPY reading {@code $$PATH$$/<file>}
     * instead of inline rows; closes the sink.
     */
    public static void writeReferencingDataFiles(ArchiveHeader header, List<ArchiveEntry> entries, RestoreOptions options,
            Function<ArchiveEntry, String> dataFileName, OutputStream scriptSink) throws IOException {
        ScriptTarget target = new ScriptTarget(scriptSink, dataFileName);
        try {
            target.comment("--\n-- NOTE:\n--\n-- File paths need to be edited. Search for $$PATH$$ and\n"
                    + "-- replace it with the path to the directory containing\n-- the extracted data files.\n--\n");
            new RestoreProcess(entries, options, target, (entry, sink) -> { })
                    .run(header.serverVersion(), header.dumperVersion());
        } finally {
            target.close();
        }
    }
}
