package io.tusk.pipeline.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SFTP server (Apache MINA SSHD) on a free loopback port, serving {@code root} as "/", with one user
 * who logs in by password or by {@link #clientKey()}, and a fresh host key listed in {@link #knownHosts()}.
 */
final class SftpTestServer implements AutoCloseable {
    static final String USER = "tusk";
    static final String PASSWORD = "s3cr:t/pass";

    private final SshServer server;
    private final KeyPair hostKey;
    private final KeyPair clientKey;
    private final Path knownHosts;

    private SftpTestServer(SshServer server, KeyPair hostKey, KeyPair clientKey, Path knownHosts) {
        this.server = server;
        this.hostKey = hostKey;
        this.clientKey = clientKey;
        this.knownHosts = knownHosts;
    }

    static SftpTestServer start(Path root, Path work) throws IOException, GeneralSecurityException {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, /* keySize= */ 256);
        KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, /* keySize= */ 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.start();
        Path knownHosts = work.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return new SftpTestServer(server, hostKey, clientKey, knownHosts);
    }

    int port() {
        return server.getPort();
    }

    KeyPair hostKey() {
        return hostKey;
    }

    KeyPair clientKey() {
        return clientKey;
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** A URL to directory {@code dir} (under the served root) that logs in with the password and checks the host key. */
    String url(String dir) {
        return "sftp://" + USER + ":s3cr%3At%2Fpass@127.0.0.1:" + port() + "/" + dir + "?knownHosts=" + knownHosts;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
