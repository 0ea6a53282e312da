package io.tusk.server.secret;

import io.tusk.TuskException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for the metadata database: AES-256-GCM under the master key, a random 96-bit nonce per value,
 * and the column it belongs to as associated data, so a ciphertext copied into another row or column does not
 * decrypt. Stored as {@code v1:} + base64(nonce || ciphertext || tag).
 *
 * <p>During a master-key rotation ({@link SecretRotation}) the box seals under the new key and opens under either,
 * so that a secret saved while the rotation runs is readable whichever key it got.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private volatile MasterKey masterKey;
    private volatile SecretKeySpec key;
    private volatile SecretKeySpec previousKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(MasterKey masterKey) {
        this.masterKey = masterKey;
        this.key = new SecretKeySpec(masterKey.bytes(), "AES");
    }

    MasterKey masterKey() {
        return masterKey;
    }

    /** Seals under {@code next} from now on; opens under {@code previous} too while it is not null. */
    synchronized void useKey(MasterKey next, MasterKey previous) {
        this.previousKey = previous == null ? null : new SecretKeySpec(previous.bytes(), "AES");
        this.key = new SecretKeySpec(next.bytes(), "AES");
        this.masterKey = next;
    }

    /** Null stays null (no secret). */
    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        return sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public String sealBytes(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String open(String sealed, String context) {
        return sealed == null ? null : new String(openBytes(sealed, context), StandardCharsets.UTF_8);
    }

    public byte[] openBytes(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new TuskException("a stored secret (" + context + ") is not in a known format");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        byte[] opened = tryOpen(all, context, key);
        SecretKeySpec previous = previousKey;
        if (opened == null && previous != null) {
            opened = tryOpen(all, context, previous);
        }
        if (opened == null) {
            throw new TuskException("a stored secret (" + context + ") does not decrypt under this master key:"
                    + " the server was started with a different TUSK_MASTER_KEY or master.key than the one that stored it");
        }
        return opened;
    }

    /** The plaintext, or null when the value was not sealed under this key (or was altered). */
    private static byte[] tryOpen(byte[] all, String context, SecretKeySpec candidate) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** A map of named secrets (a storage's, a channel's) sealed as one JSON value; an empty map is null. */
    public String sealMap(java.util.Map<String, String> values, String context) {
        return values.isEmpty() ? null : seal(MAP_JSON.writeValueAsString(new java.util.TreeMap<>(values)), context);
    }

    public java.util.Map<String, String> openMap(String sealed, String context) {
        return sealed == null ? java.util.Map.of() : MAP_JSON.readValue(open(sealed, context), MAP_TYPE);
    }

    private static final tools.jackson.databind.json.JsonMapper MAP_JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final tools.jackson.core.type.TypeReference<java.util.TreeMap<String, String>> MAP_TYPE = new tools.jackson.core.type.TypeReference<>() {
    };
}
