package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OpenID Connect login against a provider of the test's own: a provider's user who is also a Tusk user gets a
 * session with their Tusk roles; anyone else is turned away, however well the provider vouches for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcLoginTest {
    private FakeIdentityProvider idp;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        idp = FakeIdentityProvider.start();
        server = TestServer.start(Files.createTempDirectory("tusk-oidc"), idp.serverArguments());
        server.post("/api/v1/users", Map.of("username", "dana", "password", "dana-local-password", "workspaceId", 1, "role", "operator"), 201);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void shouldOfferTheProviderOnTheLoginPage() {
        assertThat(server.anonymous().getJson("/api/v1/login/providers").get(0).get("loginUrl").asString()).isEqualTo("/oauth2/authorization/idp");
    }

    @Test
    void shouldSignInAProviderUserWhoIsATuskUserWithTheirRoles() throws Exception {
        idp.signInAs("dana");
        TestServer.Client browser = server.browser();

        String landing = signIn(browser);

        assertThat(landing).isEqualTo("/");
        assertThat(browser.getJson("/api/v1/me").get("username").asString()).isEqualTo("dana");
        assertThat(browser.getJson("/api/v1/me").get("workspaces").get(0).get("role").asString()).isEqualTo("operator");
        assertThat(server.getJson("/api/v1/audit?action=login&user=dana").get(0).get("detail").asString()).isEqualTo("openid connect (idp)");
    }

    @Test
    void shouldTurnAwayAProviderUserWhoIsNoTuskUser() throws Exception {
        idp.signInAs("eve");
        TestServer.Client browser = server.browser();

        String landing = signIn(browser);

        assertThat(landing).isEqualTo("/login?error=oidc");
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(server.getJson("/api/v1/audit?action=login&user=eve").get(0).get("outcome").asString()).isEqualTo("failed");
    }

    /** Follows the redirects a browser would: Tusk, the provider, Tusk again; returns where Tusk sends it last. */
    private String signIn(TestServer.Client browser) throws Exception {
        TestServer.Response start = browser.get("/oauth2/authorization/idp");
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(idp.issuer() + "/authorize");
        HttpResponse<String> atProvider = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/idp");
        TestServer.Response back = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        return URI.create(back.headers().firstValue("Location").orElseThrow()).getRawPath()
                + (URI.create(back.headers().firstValue("Location").orElseThrow()).getRawQuery() == null ? ""
                : "?" + URI.create(back.headers().firstValue("Location").orElseThrow()).getRawQuery());
    }
}
