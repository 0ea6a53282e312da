package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.TableDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

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
}
