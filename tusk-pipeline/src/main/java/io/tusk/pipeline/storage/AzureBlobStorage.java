package io.tusk.pipeline.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Objects as block blobs in an Azure Storage container under a name prefix. An upload holds one block in memory
 * ({@code blockSize}, 8 MiB by default) and stages each block as it fills (Put Block); close commits the block list
 * (Put Block List), which makes the blob appear whole. Staged blocks that are never committed are invisible, and the
 * service discards them itself (after a week), so abort has nothing to send and a killed run leaves no garbage.
 * A blob holds at most 50,000 blocks: 390 GiB with 8 MiB blocks.
 *
 * <p>Transient failures (timeouts, 408, 429, 5xx) are retried by the SDK's own retry policy, set by
 * {@link AzureUrls} to the same 3 retries with doubling waits as {@link Retry}; a block is sent again whole.
 */
final class AzureBlobStorage implements Storage {
    static final int DEFAULT_BLOCK_SIZE = 8 << 20;
    /** The service takes up to 4000 MiB; a block is held in memory, so Tusk stops at 256 MiB. */
    static final int MAX_BLOCK_SIZE = 256 << 20;

    private final BlobContainerClient container;
    private final String prefix;
    private final String location;
    private final int blockSize;

    AzureBlobStorage(BlobContainerClient container, String prefix, String location, int blockSize) {
        this.container = container;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.location = location;
        this.blockSize = blockSize;
    }

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StorageUpload create(String key) {
        return new BlockUpload(key, container.getBlobClient(prefix + key).getBlockBlobClient());
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            // opening reads the blob's properties and first chunk, so a missing blob fails here
            return container.getBlobClient(prefix + key).openInputStream();
        } catch (BlobStorageException e) {
            if (isNotFound(e)) {
                throw new NoSuchFileException(location + key, null, "no such object");
            }
            throw failure("read " + key, e);
        } catch (RuntimeException e) {
            throw failure("read " + key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        try {
            List<String> keys = new ArrayList<>();
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix + keyPrefix), null)) {
                keys.add(item.getName().substring(prefix.length()));
            }
            keys.sort(null);
            return keys;
        } catch (RuntimeException e) {
            throw failure(keyPrefix.isEmpty() ? "list objects" : "list objects under " + keyPrefix, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            container.getBlobClient(prefix + key).deleteIfExists();
        } catch (RuntimeException e) {
            throw failure("delete " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        BlobClient blob = container.getBlobClient(prefix + key);
        try {
            BlobProperties p = blob.getProperties();
            return Optional.of(new StoredObject(key, p.getBlobSize(), p.getLastModified().toInstant()));
        } catch (BlobStorageException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw failure("stat " + key, e);
        } catch (RuntimeException e) {
            throw failure("stat " + key, e);
        }
    }

    private static boolean isNotFound(BlobStorageException e) {
        return e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
    }

    /** What failed and what to check; the SDK's message names no secret (it leaves the SAS signature out). */
    private IOException failure(String what, RuntimeException e) {
        String hint = "";
        if (e instanceof BlobStorageException b) {
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(b.getErrorCode())) {
                hint = ": the container does not exist; create it, or check the container in the URL";
            } else if (b.getStatusCode() == 403) {
                hint = ": access denied (" + b.getErrorCode() + "); check accountKey or sasToken (its permissions and expiry)";
            } else {
                hint = ": " + b.getStatusCode() + " " + b.getErrorCode();
            }
        } else {
            hint = ": " + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage());
        }
        return new IOException("could not " + what + " at " + location + hint, e);
    }

    private final class BlockUpload extends StorageUpload {
        private final String key;
        private final BlockBlobClient blob;
        private final byte[] block = new byte[blockSize];
        private final List<String> blockIds = new ArrayList<>();
        private int filled;
        private long written;
        private boolean finished;

        BlockUpload(String key, BlockBlobClient blob) {
            this.key = key;
            this.blob = blob;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (finished) {
                throw new IOException("upload of " + key + " is already finished");
            }
            while (len > 0) {
                int n = Math.min(len, block.length - filled);
                System.arraycopy(b, off, block, filled, n);
                filled += n;
                off += n;
                len -= n;
                written += n;
                if (filled == block.length) {
                    stageBlock();
                }
            }
        }

        @Override
        public long written() {
            return written;
        }

        /** Block ids must all have the same length within a blob: a zero-padded sequence number, base64. */
        private void stageBlock() throws IOException {
            String id = Base64.getEncoder().encodeToString(String.format("%08d", blockIds.size()).getBytes(StandardCharsets.US_ASCII));
            try {
                blob.stageBlock(id, BinaryData.fromByteBuffer(ByteBuffer.wrap(Arrays.copyOf(block, filled))));
            } catch (RuntimeException e) {
                finished = true;
                throw failure("upload " + key, e);
            }
            blockIds.add(id);
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            try {
                if (filled > 0) {
                    stageBlock();
                }
                blob.commitBlockList(blockIds, /* overwrite= */ true);
            } catch (RuntimeException e) {
                throw failure("upload " + key, e);
            } finally {
                finished = true;
            }
        }

        @Override
        public void abort() {
            // nothing was committed; the staged blocks are invisible and expire by themselves
            finished = true;
        }
    }
}
