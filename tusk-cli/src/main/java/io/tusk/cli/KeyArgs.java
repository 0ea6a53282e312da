package io.tusk.cli;

import io.tusk.TuskException;
import io.tusk.pipeline.crypto.BackupKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a backup's encryption key is given: a key file or a passphrase in an environment variable. */
final class KeyArgs {
    @Option(names = "--key-file", paramLabel = "FILE", description = "encryption key: 32 bytes, raw or as 64 hex digits (openssl rand -hex 32)")
    Path keyFile;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "encryption passphrase, read from this environment variable (stretched with Argon2id)")
    String passphraseEnv;

    /** The key, or null when neither option is given. */
    BackupKey key() {
        if (keyFile != null && passphraseEnv != null) {
            throw new TuskException("options --key-file and --passphrase-env cannot be used together");
        }
        if (keyFile != null) {
            return BackupKey.fromKeyFile(keyFile);
        }
        return passphraseEnv == null ? null : BackupKey.fromEnvironment(passphraseEnv);
    }
}
