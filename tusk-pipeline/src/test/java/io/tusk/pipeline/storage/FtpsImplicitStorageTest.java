package io.tusk.pipeline.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The FTP contract over implicit TLS (TLS from the first byte), trusting the self-signed certificate by truststore. */
class FtpsImplicitStorageTest extends FtpStorageTest {
    @BeforeAll
    static void startFtps() throws Exception {
        server.close();
        server = FtpTestServer.start(served, work, FtpTestServer.Tls.IMPLICIT);
    }

    @AfterAll
    static void stopFtps() throws Exception {
        server.close();
    }

    @Override
    String url(String dir) {
        return server.url(dir, "implicit=true&truststore=" + server.truststore() + "&truststorePassword=" + FtpTestServer.STORE_PASSWORD);
    }
}
