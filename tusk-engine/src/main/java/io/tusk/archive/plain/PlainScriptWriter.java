package io.tusk.archive.plain;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveWriter;
import io.tusk.archive.TableDataSource;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.ScriptRestore;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * pg_dump's plain format: the archive restored straight into a SQL script, with pg_dump's -c, -C, -O, -x choices
 * applied while writing.
 */
public final class PlainScriptWriter implements ArchiveWriter {
    private final OutputStream scriptSink;
    private final RestoreOptions options;

    /** The sink is closed when the script is written. */
    public PlainScriptWriter(OutputStream scriptSink, RestoreOptions options) {
        this.scriptSink = scriptSink;
        this.options = options;
    }

    @Override
    public void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data) throws IOException {
        ScriptRestore.write(header, entries, data, options, scriptSink);
    }
}
