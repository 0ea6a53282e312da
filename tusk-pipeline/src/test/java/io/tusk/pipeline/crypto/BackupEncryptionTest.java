package io.tusk.pipeline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tusk.pipeline.crypto.BackupIntegrityException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupEncryptionTest {
    /** Cheap Argon2id costs: the tests check the format, not the cost. */
    private static final Argon2Parameters CHEAP = new Argon2Parameters(/* memoryKiB= */ 1024, /* iterations= */ 1, /* parallelism= */ 1);
    private static final BackupKey KEY = BackupKey.of(bytes(32, 1));
    private static final byte[] PLAINTEXT = plaintext();
    /** Magic, version, key kind, key id: the header of a key-file backup. */
    private static final int TUSK_HEADER = BackupEncryption.MAGIC.length + 2 + BackupEncryption.KEY_ID_BYTES;

    @Test
    void shouldRoundTripAcrossSeveralSegments() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, KEY);
        assertThat(ciphertext.length).isGreaterThan(PLAINTEXT.length);
        assertThat(BackupEncryption.isEncrypted(ciphertext)).isTrue();
        assertThat(decrypt(ciphertext, KEY)).isEqualTo(PLAINTEXT);
    }

    @Test
    void shouldNotContainThePlaintext() throws IOException {
        String text = new String(encrypt(PLAINTEXT, KEY), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("CREATE TABLE").doesNotContain("needle-row-value");
    }

    @Test
    void shouldRoundTripWithAPassphrase() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, BackupKey.fromPassphrase("correct horse".toCharArray(), CHEAP));
        assertThat(decrypt(ciphertext, BackupKey.fromPassphrase("correct horse".toCharArray(), CHEAP))).isEqualTo(PLAINTEXT);
    }

    @Test
    void shouldSayWrongKeyForAnotherKey() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, KEY);
        BackupIntegrityException e = (BackupIntegrityException) catchThrowable(() -> decrypt(ciphertext, BackupKey.of(bytes(32, 2))));
        assertThat(e.kind()).isEqualTo(Kind.WRONG_KEY);
        assertThat(e).hasMessageStartingWith("wrong key: the backup was encrypted with key id " + BackupEncryption.keyId(KEY));
    }

    @Test
    void shouldSayWrongPassphraseForAnotherPassphrase() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, BackupKey.fromPassphrase("correct horse".toCharArray(), CHEAP));
        assertThatThrownBy(() -> decrypt(ciphertext, BackupKey.fromPassphrase("battery staple".toCharArray(), CHEAP)))
                .isInstanceOf(BackupIntegrityException.class).hasMessageStartingWith("wrong passphrase: ");
        assertThatThrownBy(() -> decrypt(ciphertext, KEY))
                .hasMessage("wrong key: this backup is encrypted with a passphrase, but a key file was given");
    }

    @Test
    void shouldFailOnTruncationAtEveryInterestingLength() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, KEY);
        int segment = BackupEncryption.SEGMENT_BYTES;
        TreeSet<Integer> lengths = new TreeSet<>();
        for (int n = 0; n < 120; n++) {
            lengths.add(n);
        }
        for (int boundary = TUSK_HEADER + segment; boundary < ciphertext.length; boundary += segment) {
            for (int d = -3; d <= 3; d++) {
                lengths.add(boundary + d);
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            lengths.add(random.nextInt(ciphertext.length));
        }
        for (int d = 1; d <= 5; d++) {
            lengths.add(ciphertext.length - d);
        }
        for (int length : lengths) {
            Throwable failure = catchThrowable(() -> decrypt(Arrays.copyOf(ciphertext, length), KEY));
            assertThat(failure).as("truncated to %d of %d bytes", length, ciphertext.length)
                    .isInstanceOf(BackupIntegrityException.class);
            assertThat(((BackupIntegrityException) failure).kind()).isIn(Kind.TRUNCATED, Kind.ALTERED);
        }
    }

    @Test
    void shouldFailOnEveryFlippedBit() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, KEY);
        Random random = new Random(11);
        TreeSet<Integer> positions = new TreeSet<>();
        for (int p = 0; p < 80; p++) {
            positions.add(p);
        }
        for (int i = 0; i < 40; i++) {
            positions.add(random.nextInt(ciphertext.length));
        }
        for (int d = 1; d <= 20; d++) {
            positions.add(ciphertext.length - d);
        }
        for (int position : positions) {
            byte[] altered = ciphertext.clone();
            altered[position] ^= (byte) (1 << random.nextInt(8));
            Throwable failure = catchThrowable(() -> decrypt(altered, KEY));
            assertThat(failure).as("bit flipped at byte %d", position).isInstanceOf(BackupIntegrityException.class);
        }
    }

    @Test
    void shouldSayAlteredForAFlippedByteInTheData() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, KEY);
        ciphertext[ciphertext.length / 2] ^= 1;
        BackupIntegrityException e = (BackupIntegrityException) catchThrowable(() -> decrypt(ciphertext, KEY));
        assertThat(e.kind()).isEqualTo(Kind.ALTERED);
        assertThat(e).hasMessageContaining("the encrypted backup was altered, truncated or reordered (authentication failed)");
    }

    @Test
    void shouldFailWhenSegmentsAreSwappedOrDuplicated() throws IOException {
        byte[] ciphertext = encrypt(PLAINTEXT, KEY);
        int segment = BackupEncryption.SEGMENT_BYTES;
        // Tink's segments start at multiples of the segment size from the start of its stream, after the Tusk header
        int s1 = TUSK_HEADER + segment;
        int s2 = TUSK_HEADER + 2 * segment;
        byte[] swapped = ciphertext.clone();
        System.arraycopy(ciphertext, s2, swapped, s1, segment);
        System.arraycopy(ciphertext, s1, swapped, s2, segment);
        assertThatThrownBy(() -> decrypt(swapped, KEY)).isInstanceOf(BackupIntegrityException.class);
        byte[] duplicated = ciphertext.clone();
        System.arraycopy(ciphertext, s1, duplicated, s2, segment);
        assertThatThrownBy(() -> decrypt(duplicated, KEY)).isInstanceOf(BackupIntegrityException.class);
        byte[] dropped = new byte[ciphertext.length - segment];
        System.arraycopy(ciphertext, 0, dropped, 0, s1);
        System.arraycopy(ciphertext, s2, dropped, s1, ciphertext.length - s2);
        assertThatThrownBy(() -> decrypt(dropped, KEY)).isInstanceOf(BackupIntegrityException.class);
    }

    @Test
    void shouldReadKeyFilesRawOrHex(@TempDir Path dir) throws IOException {
        Path raw = Files.write(dir.resolve("raw.key"), bytes(32, 1));
        Path hex = Files.writeString(dir.resolve("hex.key"), java.util.HexFormat.of().formatHex(bytes(32, 1)) + "\n");
        assertThat(BackupEncryption.keyId(BackupKey.fromKeyFile(raw))).isEqualTo(BackupEncryption.keyId(KEY));
        assertThat(BackupEncryption.keyId(BackupKey.fromKeyFile(hex))).isEqualTo(BackupEncryption.keyId(KEY));
        Path bad = Files.writeString(dir.resolve("bad.key"), "short");
        assertThatThrownBy(() -> BackupKey.fromKeyFile(bad)).hasMessageContaining("must hold 32 bytes, raw or as 64 hexadecimal digits, but has 5 bytes");
    }

    static byte[] encrypt(byte[] plaintext, BackupKey key) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = BackupEncryption.newEncryptingStream(sink, key).plaintextSink()) {
            out.write(plaintext);
        }
        return sink.toByteArray();
    }

    static byte[] decrypt(byte[] ciphertext, BackupKey key) throws IOException {
        try (InputStream in = BackupEncryption.newDecryptingStream(new ByteArrayInputStream(ciphertext), key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] plaintext() {
        // a little over three 1 MiB segments, with text worth searching for
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3 * BackupEncryption.SEGMENT_BYTES + 12345) {
            sb.append("CREATE TABLE t (x int); needle-row-value ").append(sb.length()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
