package io.tusk.pipeline.crypto;

import io.tusk.TuskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The secret a backup is encrypted with: either 32 random bytes from a key file, or a passphrase that Argon2id
 * stretches into 32 bytes with a random salt kept in each backup's header. Never printed, never stored.
 */
public final class BackupKey {
    static final int KEY_BYTES = 32;

    private final byte[] rawKey;
    private final char[] passphrase;
    private final Argon2Parameters argon2;

    private BackupKey(byte[] rawKey, char[] passphrase, Argon2Parameters argon2) {
        this.rawKey = rawKey;
        this.passphrase = passphrase;
        this.argon2 = argon2;
    }

    /** A key file holds the 32 key bytes, raw or as 64 hexadecimal digits (e.g. {@code openssl rand -hex 32}). */
    public static BackupKey fromKeyFile(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TuskException("could not read key file \"" + file + "\": " + e.getMessage(), e);
        }
        if (content.length == KEY_BYTES) {
            return new BackupKey(content, null, null);
        }
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        if (text.length() == 2 * KEY_BYTES && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return new BackupKey(HexFormat.of().parseHex(text), null, null);
        }
        throw new TuskException("key file \"" + file + "\" must hold 32 bytes, raw or as 64 hexadecimal digits, but has "
                + content.length + " bytes; create one with: openssl rand -hex 32 > " + file);
    }

    /** Raw key bytes (tests, servers that keep keys elsewhere). */
    public static BackupKey of(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a backup key has 32 bytes, not " + key.length);
        }
        return new BackupKey(key.clone(), null, null);
    }

    public static BackupKey fromPassphrase(char[] passphrase) {
        return fromPassphrase(passphrase, Argon2Parameters.DEFAULT);
    }

    /** With other Argon2id costs for new backups (existing backups carry theirs in their header). */
    public static BackupKey fromPassphrase(char[] passphrase, Argon2Parameters costs) {
        if (passphrase.length == 0) {
            throw new TuskException("the passphrase is empty");
        }
        return new BackupKey(null, passphrase.clone(), costs);
    }

    /** The passphrase in environment variable {@code name}. */
    public static BackupKey fromEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new TuskException("environment variable " + name + " (given by --passphrase-env) is not set or empty");
        }
        return fromPassphrase(value.toCharArray());
    }

    public boolean isPassphrase() {
        return passphrase != null;
    }

    Argon2Parameters argon2() {
        return argon2;
    }

    byte[] rawKey() {
        return rawKey;
    }

    char[] passphrase() {
        return passphrase;
    }

    /** Clear in {@link Object#toString()} so a log line never shows the secret. */
    @Override
    public String toString() {
        return isPassphrase() ? "BackupKey[passphrase]" : "BackupKey[key file]";
    }
}
