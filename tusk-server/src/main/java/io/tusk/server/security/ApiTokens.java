package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * API tokens for scripts: 32 random bytes, base64url, prefixed {@code tusk_} so that secret scanners and people
 * recognise one. Only the SHA-256 of a token is stored (a token is random and long, so a fast hash is enough and
 * lets each request be checked by one indexed lookup); the token itself is shown once, when it is made.
 */
@Component
class ApiTokens {
    static final String PREFIX = "tusk_";
    private static final int TOKEN_BYTES = 32;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token as listed: never the secret. */
    record Listed(long id, String name, Instant createdAt, Instant revokedAt) {
    }

    record Created(long id, String name, String token, Instant createdAt) {
        /** Never the token: Spring MVC logs response bodies at DEBUG. */
        @Override
        public String toString() {
            return "Created[id=" + id + ", name=" + name + "]";
        }
    }

    Created create(TuskUser user, String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("name", "a token needs a name of 1 to 200 characters, saying what uses it");
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(user.id(), name, digest(token), Timestamp.from(now)).update(keys, "id");
        return new Created(keys.getKey().longValue(), name, token, now);
    }

    List<Listed> list(TuskUser user) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id").param(user.id())
                .query((rs, n) -> new Listed(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Revokes one of the user's own tokens; returns its name. */
    String revoke(TuskUser user, long tokenId) {
        String name = jdbc.sql("SELECT name FROM api_tokens WHERE id = ? AND user_id = ?").params(tokenId, user.id())
                .query(String.class).optional().orElseThrow(() -> ApiException.notFound("token", tokenId));
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), tokenId).update();
        return name;
    }

    /** The enabled user a live token belongs to. */
    Optional<TuskUser> user(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT u.id, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled""")
                .param(digest(token)).query((rs, n) -> new TuskUser(rs.getLong("id"), rs.getString("username"))).optional();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
