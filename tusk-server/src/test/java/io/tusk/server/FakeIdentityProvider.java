package io.tusk.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal OpenID Connect provider on a free loopback port: discovery, keys, an authorization endpoint that
 * signs in whoever {@link #signInAs} names without asking, and a token endpoint that answers an RS256-signed ID
 * token for the code it gave.
 */
final class FakeIdentityProvider implements AutoCloseable {
    static final String CLIENT_ID = "tusk";
    static final String CLIENT_SECRET = "idp-client-secret-9a8b";
    private final HttpServer http;
    private final RSAKey key;
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private volatile String nextUser = "nobody";

    private FakeIdentityProvider(HttpServer http, RSAKey key) {
        this.http = http;
        this.key = key;
    }

    static FakeIdentityProvider start() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeIdentityProvider idp = new FakeIdentityProvider(http, new RSAKeyGenerator(2048).keyID("test-key").generate());
        http.createContext("/.well-known/openid-configuration", idp::discovery);
        http.createContext("/jwks", e -> idp.answer(e, 200, "application/json", new JWKSet(idp.key.toPublicJWK()).toString()));
        http.createContext("/authorize", idp::authorize);
        http.createContext("/token", idp::token);
        http.start();
        return idp;
    }

    String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The user the next authorization signs in, as their preferred_username. */
    void signInAs(String username) {
        nextUser = username;
    }

    /** Spring Boot's properties that register this provider as {@code idp}. */
    String[] serverArguments() {
        return new String[] {
                "--spring.security.oauth2.client.registration.idp.client-id=" + CLIENT_ID,
                "--spring.security.oauth2.client.registration.idp.client-secret=" + CLIENT_SECRET,
                "--spring.security.oauth2.client.registration.idp.scope=openid,profile",
                "--spring.security.oauth2.client.registration.idp.client-name=Test IdP",
                "--spring.security.oauth2.client.provider.idp.issuer-uri=" + issuer()};
    }

    private void discovery(HttpExchange e) throws IOException {
        String issuer = issuer();
        answer(e, 200, "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"scopes_supported\":[\"openid\",\"profile\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}");
    }

    private void authorize(HttpExchange e) throws IOException {
        Map<String, String> q = form(e.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        codes.put(code, Map.of("nonce", q.getOrDefault("nonce", ""), "user", nextUser));
        e.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        answer(e, 302, "text/plain", "");
    }

    private void token(HttpExchange e) throws IOException {
        Map<String, String> body = form(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> grant = codes.remove(body.get("code"));
        if (grant == null) {
            answer(e, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            Instant now = Instant.now();
            SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + grant.get("user")).audience(CLIENT_ID)
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                            .claim("nonce", grant.get("nonce")).claim("preferred_username", grant.get("user")).build());
            idToken.sign(new RSASSASigner(key));
            answer(e, 200, "application/json", "{\"access_token\":\"at-" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":300,\"scope\":\"openid profile\",\"id_token\":\"" + idToken.serialize() + "\"}");
        } catch (Exception ex) {
            answer(e, 500, "text/plain", ex.toString());
        }
    }

    private void answer(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            e.getResponseBody().write(bytes);
        }
        e.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
