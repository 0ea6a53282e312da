package io.tusk.server.secret;

import io.tusk.TuskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key every stored secret is encrypted under. It lives outside the metadata database: in
 * {@code TUSK_MASTER_KEY} (64 hex digits or base64), or in {@code master.key} in the data directory, created with
 * mode 0600 on first start. Lose it and the stored secrets (database passwords, storage credentials, backup keys)
 * cannot be decrypted: the backups themselves then need their exported keys.
 */
public final class MasterKey {
    public static final String ENVIRONMENT_VARIABLE = "TUSK_MASTER_KEY";
    private static final int KEY_BYTES = 32;

    private final byte[] key;
    private final String source;

    private MasterKey(byte[] key, String source) {
        this.key = key;
        this.source = source;
    }

    public static MasterKey load(String environmentValue, Path keyFile) {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return new MasterKey(decode(environmentValue.trim(), ENVIRONMENT_VARIABLE), ENVIRONMENT_VARIABLE);
        }
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return new MasterKey(decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString()), keyFile.toString());
        } catch (IOException e) {
            throw new TuskException("cannot read or create the master key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** A key given as text (64 hex digits or base64), say by {@code --tusk.rotate-master-key-from}. */
    static MasterKey of(String text, String source) {
        return new MasterKey(decode(text.trim(), source), source);
    }

    static MasterKey generate(String source) {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        return new MasterKey(fresh, source);
    }

    boolean fromEnvironment() {
        return ENVIRONMENT_VARIABLE.equals(source);
    }

    /** Writes the key as hex to a new file, readable by its owner only. */
    void writeTo(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static void create(Path keyFile) throws IOException {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(keyFile, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
    }

    static byte[] decode(String text, String source) {
        byte[] bytes;
        if (text.matches("[0-9a-fA-F]{64}")) {
            bytes = HexFormat.of().parseHex(text);
        } else {
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
        }
        if (bytes.length != KEY_BYTES) {
            throw new TuskException("the master key in " + source + " must be 32 bytes, as 64 hex digits or base64"
                    + " (openssl rand -hex 32)");
        }
        return bytes;
    }

    byte[] bytes() {
        return key.clone();
    }

    /** Where the key came from, for the log; never the key. */
    public String source() {
        return source;
    }
}
