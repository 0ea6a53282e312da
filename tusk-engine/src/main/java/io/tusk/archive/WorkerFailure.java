package io.tusk.archive;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** What a worker thread of a dump or restore failed with, thrown again in the thread that waited for it. */
public final class WorkerFailure {
    private WorkerFailure() {
    }

    /** Throws the worker's own exception (I/O, runtime or error), or an IOException around any other. */
    public static IOException rethrow(ExecutionException failure) throws IOException {
        Throwable cause = failure.getCause();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException rt) {
            throw rt;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IOException(cause);
    }
}
