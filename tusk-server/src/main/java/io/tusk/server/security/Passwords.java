package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing and the rules for new passwords. Hashes are Argon2id (Spring Security's 5.8 defaults: 16 MiB,
 * 2 passes) stored with their {@code {argon2}} prefix, so a later change of algorithm can still check old hashes;
 * {@code {bcrypt}} hashes are accepted too, for accounts imported from elsewhere.
 */
@Component
class Passwords {
    static final int MIN_LENGTH = 10;
    private static final int MAX_LENGTH = 200;
    private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", Map.of(
            "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
            "bcrypt", new BCryptPasswordEncoder()));
    /** Checked against when the username is unknown, so that the answer takes as long as for a known one. */
    private final String decoy = encoder.encode("tusk-decoy-password");

    String hash(String password) {
        check(password);
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash);
    }

    void spendDecoyCheck(String password) {
        encoder.matches(password == null ? "" : password, decoy);
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw ApiException.badRequest("password", "a password needs " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
    }

    static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw ApiException.badRequest("username", "a username is 1 to 100 letters, digits or . _ @ - but is \""
                    + (username == null ? "" : username.substring(0, Math.min(username.length(), 100))) + "\"");
        }
    }
}
