package io.tusk.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An archive opened for restore: its header and entries are read on open; data is read on demand.
 * One reader per format.
 */
public interface ArchiveReader extends Closeable {
    ArchiveHeader header();

    List<ArchiveEntry> entries();

    /**
     * The rows of a data entry in COPY text format, decompressed, without the {@code \.} terminator. The caller
     * closes the stream. Readers of non-seekable input require entries to be asked for in archive order.
     *
     * @throws ArchiveFormatException when the archive is truncated or corrupt, naming the entry
     */
    InputStream openData(ArchiveEntry entry) throws IOException;

    /**
     * About how many archive bytes the entry's data takes (compressed, as stored), or -1 when the archive cannot
     * tell without reading it; a parallel restore starts the largest first and loads those over several connections.
     */
    default long dataSize(ArchiveEntry entry) {
        return -1;
    }

    /** Whether data of different entries can be read in any order and at once (a file, not a pipe): parallel restore. */
    default boolean supportsRandomAccess() {
        return false;
    }
}
