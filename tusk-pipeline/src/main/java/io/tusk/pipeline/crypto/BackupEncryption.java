package io.tusk.pipeline.crypto;

import io.tusk.pipeline.crypto.BackupIntegrityException.Kind;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Encrypts backups as a Tusk header followed by a Tink AES256_GCM_HKDF_1MB stream (AES-256-GCM in authenticated
 * 1 MiB segments; the segment nonce carries the segment number and a last-segment flag, so truncation, reordering
 * and tampering all fail authentication). The Tusk header is the stream's associated data: changing it fails too.
 * The format is described in docs/backup-encryption.md.
 */
public final class BackupEncryption {
    static final byte[] MAGIC = "TUSKENC".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int KIND_KEY_FILE = 1;
    static final int KIND_PASSPHRASE = 2;
    static final int KEY_ID_BYTES = 8;
    static final int SALT_BYTES = 16;
    static final int SEGMENT_BYTES = 1 << 20;
    private static final byte[] KEY_ID_LABEL = "tusk backup key id v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupEncryption() {
    }

    /** Whether {@code head} (the first bytes of a stored object, at least 7) starts an encrypted backup. */
    public static boolean isEncrypted(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /**
     * The key file's fingerprint, as headers and manifests show it: 16 hexadecimal digits of HMAC-SHA256(key, label).
     * A passphrase has no fixed fingerprint (its key depends on each backup's salt); this returns null for one.
     */
    public static String keyId(BackupKey key) {
        return key.isPassphrase() ? null : HexFormat.of().formatHex(keyId(key.rawKey()));
    }

    /**
     * Starts an encrypted stream into {@code ciphertextDestination}: the header is written at once. Closing the
     * returned stream writes the last segment and closes the destination.
     *
     * @return the stream to write plaintext to, and the key id the header records
     */
    public static Encrypting newEncryptingStream(OutputStream ciphertextDestination, BackupKey key) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.write(MAGIC);
        h.writeByte(FORMAT_VERSION);
        byte[] secret;
        if (key.isPassphrase()) {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            Argon2Parameters costs = key.argon2();
            secret = argon2(key.passphrase(), salt, costs);
            h.writeByte(KIND_PASSPHRASE);
            h.write(keyId(secret));
            h.write(salt);
            h.writeInt(costs.memoryKiB());
            h.writeInt(costs.iterations());
            h.writeByte(costs.parallelism());
        } else {
            secret = key.rawKey();
            h.writeByte(KIND_KEY_FILE);
            h.write(keyId(secret));
        }
        byte[] headerBytes = header.toByteArray();
        ciphertextDestination.write(headerBytes);
        try {
            OutputStream plaintextSink = aead(secret).newEncryptingStream(ciphertextDestination, headerBytes);
            return new Encrypting(plaintextSink, HexFormat.of().formatHex(keyId(secret)));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not start encryption: " + e.getMessage(), e);
        }
    }

    /** The plaintext sink of an encrypted stream and the id of the key it is encrypted with. */
    public record Encrypting(OutputStream plaintextSink, String keyId) {
    }

    /**
     * Reads an encrypted stream: the header is read and the key checked at once. The returned stream throws
     * {@link BackupIntegrityException} ({@link Kind#ALTERED}) when a segment fails authentication, which a wrong
     * header, a flipped byte, a reordered, dropped or truncated segment all cause. Closing it closes the source.
     *
     * @throws BackupIntegrityException {@link Kind#WRONG_KEY} when the key (or passphrase) is not the one the
     *         backup was encrypted with; {@link Kind#TRUNCATED} when the stream ends inside the header
     */
    public static InputStream newDecryptingStream(InputStream ciphertextSource, BackupKey key) throws IOException {
        DataInputStream in = new DataInputStream(ciphertextSource);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        byte[] secret;
        byte[] storedKeyId = new byte[KEY_ID_BYTES];
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                if (magic.length < MAGIC.length && Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
                    throw new EOFException();
                }
                throw new BackupIntegrityException(Kind.ALTERED, "not a Tusk encrypted backup: it does not start with \"TUSKENC\"");
            }
            h.write(magic);
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new BackupIntegrityException(Kind.ALTERED, "unsupported encryption format version " + version
                        + " (this Tusk reads version " + FORMAT_VERSION + "); the header may be damaged, or the backup needs a newer Tusk");
            }
            h.writeByte(version);
            int kind = in.readUnsignedByte();
            h.writeByte(kind);
            in.readFully(storedKeyId);
            h.write(storedKeyId);
            if (kind == KIND_PASSPHRASE) {
                byte[] salt = new byte[SALT_BYTES];
                in.readFully(salt);
                Argon2Parameters costs;
                try {
                    costs = new Argon2Parameters(in.readInt(), in.readInt(), in.readUnsignedByte());
                } catch (IllegalArgumentException e) {
                    throw new BackupIntegrityException(Kind.ALTERED, "the encryption header is damaged: " + e.getMessage());
                }
                if (!key.isPassphrase()) {
                    throw new BackupIntegrityException(Kind.WRONG_KEY, "wrong key: this backup is encrypted with a passphrase, but a key file was given");
                }
                if (costs.memoryKiB() > 4 << 20 || costs.iterations() > 100) {
                    throw new BackupIntegrityException(Kind.ALTERED, "the encryption header asks for Argon2id costs beyond any Tusk default ("
                            + costs + "): the header is damaged");
                }
                h.write(salt);
                h.writeInt(costs.memoryKiB());
                h.writeInt(costs.iterations());
                h.writeByte(costs.parallelism());
                secret = argon2(key.passphrase(), salt, costs);
            } else if (kind == KIND_KEY_FILE) {
                if (key.isPassphrase()) {
                    throw new BackupIntegrityException(Kind.WRONG_KEY, "wrong key: this backup is encrypted with a key file (key id "
                            + HexFormat.of().formatHex(storedKeyId) + "), but a passphrase was given");
                }
                secret = key.rawKey();
            } else {
                throw new BackupIntegrityException(Kind.ALTERED, "the encryption header is damaged: unknown key kind " + kind);
            }
        } catch (EOFException e) {
            throw new BackupIntegrityException(Kind.TRUNCATED, "the encrypted backup is truncated: it ends inside its header");
        }
        byte[] givenKeyId = keyId(secret);
        if (!Arrays.equals(givenKeyId, storedKeyId)) {
            String what = key.isPassphrase() ? "wrong passphrase" : "wrong key";
            throw new BackupIntegrityException(Kind.WRONG_KEY, what + ": the backup was encrypted with key id "
                    + HexFormat.of().formatHex(storedKeyId) + ", the given " + (key.isPassphrase() ? "passphrase gives " : "key has ")
                    + HexFormat.of().formatHex(givenKeyId));
        }
        try {
            return new AuthenticatingInputStream(aead(secret).newDecryptingStream(in, header.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not start decryption: " + e.getMessage(), e);
        }
    }

    private static AesGcmHkdfStreaming aead(byte[] secret) throws GeneralSecurityException {
        // Tink's AES256_GCM_HKDF_1MB template: HKDF-SHA256 derives a per-stream AES-256 key from the secret and a
        // random salt in the stream header; 1 MiB ciphertext segments; no offset before the first segment.
        return new AesGcmHkdfStreaming(secret, "HmacSha256", /* keySizeInBytes= */ BackupKey.KEY_BYTES,
                /* ciphertextSegmentSize= */ SEGMENT_BYTES, /* firstSegmentOffset= */ 0);
    }

    private static byte[] keyId(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(KEY_ID_LABEL), KEY_ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] argon2(char[] passphrase, byte[] salt, Argon2Parameters costs) {
        org.bouncycastle.crypto.params.Argon2Parameters p = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(costs.memoryKiB())
                .withIterations(costs.iterations())
                .withParallelism(costs.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(p);
        byte[] out = new byte[BackupKey.KEY_BYTES];
        generator.generateBytes(passphrase, out);
        return out;
    }

    /** Turns Tink's authentication failures into {@link BackupIntegrityException}s; I/O errors of the source pass as they are. */
    private static final class AuthenticatingInputStream extends FilterInputStream {
        private long plaintextRead;

        AuthenticatingInputStream(InputStream plaintextSource) {
            super(plaintextSource);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    plaintextRead += n;
                }
                return n;
            } catch (IOException e) {
                if (isAuthenticationFailure(e)) {
                    throw new BackupIntegrityException(Kind.ALTERED, "decryption failed in the segment after plaintext byte "
                            + plaintextRead + ": the encrypted backup was altered, truncated or reordered (authentication failed)", e);
                }
                throw e;
            }
        }

        private static boolean isAuthenticationFailure(IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof GeneralSecurityException) {
                    return true;
                }
            }
            // Tink reports a stream shorter than its header, or ending without its last segment, as a plain IOException
            String m = e.getMessage();
            return m != null && (m.contains("ciphertext") || m.contains("Ciphertext") || m.contains("truncated") || m.contains("header"));
        }
    }
}
