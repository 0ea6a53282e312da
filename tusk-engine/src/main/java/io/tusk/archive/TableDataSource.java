package io.tusk.archive;

import java.io.IOException;
import java.io.OutputStream;

/** Supplies the data of a TABLE DATA entry while an archive is written. */
@FunctionalInterface
public interface TableDataSource {
    /**
     * Writes the entry's rows in COPY text format (without the terminating {@code \.} line) to the sink.
     * The sink is left open; the caller closes it.
     */
    void copyOut(ArchiveEntry entry, OutputStream dataSink) throws IOException;

    /** About how many bytes the entry's data holds (from the catalog), so parallel writers start with the largest. */
    default long sizeHint(ArchiveEntry entry) {
        return 0;
    }
}
