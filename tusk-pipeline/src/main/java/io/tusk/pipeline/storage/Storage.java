package io.tusk.pipeline.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where backups are kept: a flat namespace of objects named by '/'-separated keys, relative to the storage's root
 * (a directory, a bucket prefix). Implementations are opened from a URL by {@link StorageUrls#open(String)}.
 *
 * <p>Writes are all-or-nothing: {@link #create(String)} returns a stream whose {@link StorageUpload#close()} makes
 * the object visible under its key and whose {@link StorageUpload#abort()} discards everything written. A reader
 * never sees a half-written object under its final key (a multipart upload or a temporary file may exist until then).
 */
public interface Storage extends Closeable {
    /** The URL scheme this storage answers to: {@code file}, {@code s3}, {@code sftp}, {@code ftp}, {@code azure}, {@code gdrive}, {@code dropbox}. */
    String name();

    /** Where it points, for messages; never contains a secret. */
    String location();

    /** Starts writing an object; the caller must close (commit) or abort the returned stream. */
    StorageUpload create(String key) throws IOException;

    /**
     * The object's bytes; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     */
    InputStream get(String key) throws IOException;

    /** Keys of the committed objects whose key starts with {@code prefix} ("" for all), in key order. */
    List<String> list(String prefix) throws IOException;

    /** Removes the object; no error when it does not exist. */
    void delete(String key) throws IOException;

    /** The object's size and time, or empty when it does not exist. */
    Optional<StoredObject> stat(String key) throws IOException;

    /**
     * Removes what uploads that never finished left behind and that is not an object (a hidden partial file, an
     * unfinished multipart upload), if it was last written before {@code olderThan}, so an upload still running is
     * left alone. Storages that leave nothing behind (uncommitted blocks and upload sessions expire by themselves)
     * remove nothing.
     *
     * @return how many leftovers were removed
     */
    default int removeAbandonedUploads(java.time.Instant olderThan) throws IOException {
        return 0;
    }

    /** Writes a small object at once. */
    default void put(String key, byte[] content) throws IOException {
        StorageUpload upload = create(key);
        try {
            upload.write(content);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
        upload.close();
    }

    @Override
    default void close() throws IOException {
    }
}
