package io.tusk.pipeline.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written. {@link #close()} commits it (the object appears under its key, replacing any previous
 * one); {@link #abort()} discards it. After either, further calls of both do nothing.
 */
public abstract class StorageUpload extends OutputStream {
    /** Discards what was written; never throws, so it can run while another failure propagates. */
    public abstract void abort();

    /** Bytes written so far. */
    public abstract long written();
}
