package io.tusk.archive.custom;

import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.codec.CompressedDataException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The decompressed data of one entry: says which entry and block a codec error is in. */
final class EntryDataInputStream extends FilterInputStream {
    private final String entryName;
    private final long blockOffset;

    EntryDataInputStream(InputStream decompressed, String entryName, long blockOffset) {
        super(decompressed);
        this.entryName = entryName;
        this.blockOffset = blockOffset;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (CompressedDataException e) {
            throw named(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (CompressedDataException e) {
            throw named(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (CompressedDataException e) {
            throw named(e);
        }
    }

    private ArchiveFormatException named(CompressedDataException e) {
        return new ArchiveFormatException(entryName + ": " + e.getMessage() + " (in its data block at offset "
                + blockOffset + ")", e);
    }
}
