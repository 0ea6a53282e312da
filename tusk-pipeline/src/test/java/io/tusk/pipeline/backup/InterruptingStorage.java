package io.tusk.pipeline.backup;

import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUpload;
import java.io.IOException;

/**
 * A storage whose archive upload, once past {@code cutAfterBytes}, runs {@code cut} (stop the server, kill its
 * process, break the connection) and then goes on writing, so the failure that follows is the real one.
 */
final class InterruptingStorage extends FailingStorage {
    interface Cut {
        void run() throws Exception;
    }

    private final Storage delegate;
    private final long cutAfterBytes;
    private final Cut cut;
    private boolean done;

    InterruptingStorage(Storage delegate, long cutAfterBytes, Cut cut) {
        super(delegate, Long.MAX_VALUE);
        this.delegate = delegate;
        this.cutAfterBytes = cutAfterBytes;
        this.cut = cut;
    }

    @Override
    public StorageUpload create(String key) throws IOException {
        StorageUpload upload = delegate.create(key);
        if (key.endsWith(".json")) {
            return upload;
        }
        return new StorageUpload() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!done && upload.written() + len > cutAfterBytes) {
                    done = true;
                    try {
                        cut.run();
                    } catch (Exception e) {
                        throw new AssertionError("the test could not cut the connection", e);
                    }
                }
                upload.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                upload.flush();
            }

            @Override
            public void close() throws IOException {
                upload.close();
            }

            @Override
            public void abort() {
                upload.abort();
            }

            @Override
            public long written() {
                return upload.written();
            }
        };
    }

    boolean cutDone() {
        return done;
    }
}
