package io.tusk.server;

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

/** An in-process SFTP server on a free loopback port: one user with a password, {@code root} served as "/". */
final class SftpServer implements AutoCloseable {
    private final SshServer server;
    private final Path knownHosts;

    private SftpServer(SshServer server, Path knownHosts) {
        this.server = server;
        this.knownHosts = knownHosts;
    }

    static SftpServer start(Path root, String user, String password) throws IOException, GeneralSecurityException {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, /* keySize= */ 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
        server.start();
        Path knownHosts = Files.createTempFile("tusk-known-hosts", "");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return new SftpServer(server, knownHosts);
    }

    int port() {
        return server.getPort();
    }

    Path knownHosts() {
        return knownHosts;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
