package io.tusk.pipeline.backup;

import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUpload;
import io.tusk.pipeline.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A storage whose uploads of archive objects fail once they pass {@code failAfterBytes}, as a dropped connection would. */
class FailingStorage implements Storage {
    private final Storage delegate;
    private final long failAfterBytes;

    FailingStorage(Storage delegate, long failAfterBytes) {
        this.delegate = delegate;
        this.failAfterBytes = failAfterBytes;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String location() {
        return delegate.location();
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
                if (upload.written() + len > failAfterBytes) {
                    throw new IOException("simulated failure: connection reset after " + upload.written() + " bytes");
                }
                upload.write(b, off, len);
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

    @Override
    public InputStream get(String key) throws IOException {
        return delegate.get(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        return delegate.stat(key);
    }
}
