package io.tusk.archive.custom;

import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.toc.ArchiveInput;
import java.io.IOException;
import java.io.InputStream;

/**
 * The large objects of a BLK_BLOBS block, after its type and dump id, as pg_restore's _LoadLOs reads them: an oid,
 * the object's contents as a data block body (own compressed stream), again, up to a zero oid.
 */
final class LargeObjectBlockReader implements LargeObjectFrames.LargeObjects, BlockBody {
    private final ArchiveInput archive;
    private final Codec codec;
    private final String entryName;
    private final long blockOffset;
    private DataBlockInputStream current;
    private boolean ended;

    LargeObjectBlockReader(ArchiveInput archive, Codec codec, String entryName, long blockOffset) {
        this.archive = archive;
        this.codec = codec;
        this.entryName = entryName;
        this.blockOffset = blockOffset;
    }

    @Override
    public LargeObjectFrames.LargeObject next() throws IOException {
        if (ended) {
            return null;
        }
        if (current != null) {
            current.skipRest();
            current = null;
        }
        int oid;
        try {
            oid = archive.readInt();
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entryName + ": " + e.getMessage() + " (reading a large object's oid in the"
                    + " BLK_BLOBS block at offset " + blockOffset + ")", e);
        }
        if (oid == 0) {
            ended = true;
            return null;
        }
        // pg_dump writes the unsigned oid with WriteInt: above 2^31 it reads back negative
        long unsigned = Integer.toUnsignedLong(oid);
        current = new DataBlockInputStream(archive, entryName + ": large object " + unsigned, blockOffset);
        InputStream contents = current.isEmpty() ? InputStream.nullInputStream() : codec.decompressingBlock(current);
        return new LargeObjectFrames.LargeObject(unsigned, contents);
    }

    @Override
    public void skipRest() throws IOException {
        while (next() != null) {
            // next() skips the previous object's chunks
        }
    }
}
