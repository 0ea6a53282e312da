package io.tusk.pipeline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS or any compatible server) under a key prefix.
 *
 * <p>An upload holds one part in memory ({@code partSize}, 8 MiB by default; S3 wants at least 5 MiB for all parts
 * but the last): an object smaller than one part is sent by one PUT on commit, a larger one as a multipart upload
 * whose parts are sent as they fill, completed on commit and aborted on failure, so S3 never shows a partial object.
 */
final class S3Storage implements Storage {
    static final int DEFAULT_PART_SIZE = 8 << 20;
    static final int MIN_PART_SIZE = 5 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String location;
    private final int partSize;

    S3Storage(S3Client s3, String bucket, String prefix, String location, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.location = location;
        this.partSize = partSize;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StorageUpload create(String key) {
        return new S3Upload(prefix + key);
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + key, null, "no such object");
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw failure("list " + keyPrefix, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw failure("delete " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new StoredObject(key, h.contentLength(), h.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("stat " + key, e);
        } catch (SdkException e) {
            throw failure("stat " + key, e);
        }
    }

    /** Unfinished multipart uploads hold their parts (and cost) until aborted; S3 lists them with their start time. */
    @Override
    public int removeAbandonedUploads(java.time.Instant olderThan) throws IOException {
        try {
            int removed = 0;
            for (software.amazon.awssdk.services.s3.model.MultipartUpload u
                    : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                if (u.initiated() != null && u.initiated().isBefore(olderThan)) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
                    removed++;
                }
            }
            return removed;
        } catch (SdkException e) {
            throw failure("remove abandoned uploads", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private IOException failure(String what, SdkException e) {
        return new IOException("could not " + what + " at " + location + ": " + e.getMessage(), e);
    }

    private final class S3Upload extends StorageUpload {
        private final String key;
        private final byte[] part = new byte[partSize];
        private final List<CompletedPart> parts = new ArrayList<>();
        private int filled;
        private long written;
        private String uploadId;
        private boolean finished;

        S3Upload(String key) {
            this.key = key;
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
                int n = Math.min(len, part.length - filled);
                System.arraycopy(b, off, part, filled, n);
                filled += n;
                off += n;
                len -= n;
                written += n;
                if (filled == part.length) {
                    sendPart();
                }
            }
        }

        @Override
        public long written() {
            return written;
        }

        private void sendPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
                }
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                filled = 0;
            } catch (SdkException e) {
                abort();
                throw failure("upload " + key, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            try {
                if (uploadId == null) {
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled)));
                } else {
                    if (filled > 0) {
                        sendPart();
                    }
                    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
                }
                finished = true;
            } catch (SdkException e) {
                abort();
                throw failure("upload " + key, e);
            } finally {
                if (!finished) {
                    abort();
                }
            }
        }

        @Override
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            if (uploadId != null) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                } catch (SdkException ignored) {
                    // the bucket's lifecycle rule for incomplete uploads is the fallback; the object never appeared
                }
            }
        }
    }
}
