package io.tusk.archive.codec;

import io.tusk.archive.ArchiveFormatException;

/**
 * Compressed data that does not decompress: corrupt, truncated, or followed by bytes after its end. Readers add
 * which entry or file it belongs to.
 */
public class CompressedDataException extends ArchiveFormatException {
    public CompressedDataException(String message) {
        super(message);
    }

    public CompressedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
