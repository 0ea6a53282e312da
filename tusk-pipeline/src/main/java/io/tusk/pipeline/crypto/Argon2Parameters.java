package io.tusk.pipeline.crypto;

/**
 * Argon2id costs for deriving a key from a passphrase. The default, 64 MiB and 3 passes, is RFC 9106's second
 * recommended option ("if much less memory is available"), about a third of a second here.
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2Parameters DEFAULT = new Argon2Parameters(/* memoryKiB= */ 64 * 1024, /* iterations= */ 3, /* parallelism= */ 1);

    public Argon2Parameters {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || parallelism > 255) {
            throw new IllegalArgumentException("invalid Argon2id parameters: m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism);
        }
    }
}
