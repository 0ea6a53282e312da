package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FTP contract over explicit TLS (AUTH TLS, PROT P), trusting the server's self-signed certificate by truststore. */
class FtpsExplicitStorageTest extends FtpStorageTest {
    @BeforeAll
    static void startFtps() throws Exception {
        server.close();
        server = FtpTestServer.start(served, work, FtpTestServer.Tls.EXPLICIT);
    }

    @AfterAll
    static void stopFtps() throws Exception {
        server.close();
    }

    @Override
    String url(String dir) {
        return server.url(dir, "truststore=" + server.truststore() + "&truststorePassword=" + FtpTestServer.STORE_PASSWORD);
    }

    @Override
    String scheme() {
        return "FTP";
    }

    @Test
    void shouldRefuseAnUntrustedCertificateSayingHowToTrustIt() {
        assertThatThrownBy(() -> open(server.url("", ""))).isInstanceOf(TuskException.class)
                .hasMessageStartingWith("FTPS handshake with 127.0.0.1:" + server.port() + " failed")
                .hasMessageContaining("truststore=FILE");
    }

    @Test
    void shouldAcceptAnyCertificateWithTrustAll() throws Exception {
        try (Storage s = open(server.url("", "trustAll=true"))) {
            assertThat(s.stat("nothing.json")).isEmpty();
        }
    }
}
