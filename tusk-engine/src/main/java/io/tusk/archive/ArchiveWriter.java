package io.tusk.archive;

import java.io.IOException;
import java.util.List;

/** Writes a table of contents and its data in one archive format. One writer per format. */
public interface ArchiveWriter {
    /**
     * Writes the whole archive: the entries in the order given, each TABLE DATA entry's rows taken from the source.
     * The writer owns its destination and closes it before returning.
     */
    void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data) throws IOException;
}
