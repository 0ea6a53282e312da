package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens an SFTP session the way OpenSSH would with the same options, but reading nothing implicitly: no
 * {@code ~/.ssh/config}, no default identities; only the known_hosts file, password and key that the URL names.
 */
final class SftpConnector {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path privateKey;
    private final Path knownHosts;
    private final boolean strictHostKeyChecking;

    SftpConnector(String host, int port, String user, String password, Path privateKey, Path knownHosts,
            boolean strictHostKeyChecking) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.privateKey = privateKey;
        this.knownHosts = knownHosts;
        this.strictHostKeyChecking = strictHostKeyChecking;
    }

    String address() {
        return host + ":" + port;
    }

    /** A logged-in SFTP channel with the session and SSH client under it; closing it closes all three. */
    record Connection(SshClient client, ClientSession session, SftpClient sftp) implements Closeable {
        @Override
        public void close() throws IOException {
            try (SshClient c = client; ClientSession s = session; SftpClient f = sftp) {
                // closed in reverse order: the channel, the session, the client
            }
        }
    }

    Connection connect() {
        if (privateKey != null && !Files.isReadable(privateKey)) {
            throw new TuskException("SFTP private key " + privateKey + " cannot be read: check the privateKey parameter");
        }
        SshClient client = SshClient.setUpDefaultClient();
        HostKeyCheck hostKeyCheck = new HostKeyCheck(knownHosts, strictHostKeyChecking);
        client.setServerKeyVerifier(hostKeyCheck);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(privateKey == null ? KeyIdentityProvider.EMPTY_KEYS_PROVIDER : new FileKeyPairProvider(privateKey));
        client.start();
        ClientSession session = null;
        try {
            try {
                session = client.connect(user, host, port).verify(TIMEOUT).getSession();
            } catch (IOException e) {
                throw connectFailure(e);
            }
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            try {
                session.auth().verify(TIMEOUT);
            } catch (IOException e) {
                Optional<String> refusal = hostKeyCheck.refusal();
                if (refusal.isPresent()) {
                    throw new TuskException(refusal.get(), e);
                }
                if (!session.isOpen()) {
                    throw new TuskException("SFTP connection to " + address() + " was closed during login: " + e.getMessage(), e);
                }
                throw new TuskException("SFTP login as \"" + user + "\" on " + address() + " failed: check the "
                        + (privateKey != null ? "private key " + privateKey : "") + (privateKey != null && password != null ? " and the " : "")
                        + (password != null ? "password" : "") + (password == null && privateKey == null ? "URL: it gives neither a password nor a privateKey" : ""), e);
            }
            return new Connection(client, session, SftpClientFactory.instance().createSftpClient(session));
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            if (e instanceof TuskException t) {
                throw t;
            }
            throw new TuskException("SFTP connection to " + address() + " failed: " + e.getMessage(), e);
        }
    }

    private TuskException connectFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new TuskException("SFTP connection to " + address() + " refused. Check that the host name and port are "
                        + "correct and that the SSH server accepts connections", e);
            }
        }
        return new TuskException("SFTP connection to " + address() + " failed: " + e.getMessage(), e);
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (IOException ignored) {
            // already failing; the client below goes too
        }
        client.stop();
    }

    /**
     * Checks the server's key against a known_hosts file as OpenSSH does, remembering why it refused one so the
     * failure can name the host and the key. Never writes the file: a backup tool should not edit the user's trust.
     */
    private static final class HostKeyCheck extends KnownHostsServerKeyVerifier {
        private final Path file;
        private final boolean strict;
        private volatile String refusal;

        HostKeyCheck(Path file, boolean strict) {
            super(RejectAllServerKeyVerifier.INSTANCE, file);
            this.file = file;
            this.strict = strict;
        }

        Optional<String> refusal() {
            return Optional.ofNullable(refusal);
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
            if (strict) {
                refusal = "SFTP host " + session.getConnectAddress() + " is not in " + file + " (its " + KeyUtils.getKeyType(serverKey)
                        + " key is " + KeyUtils.getFingerPrint(serverKey) + "): add it, after checking that fingerprint, with "
                        + "ssh-keyscan, or set strictHostKeyChecking=no";
                return false;
            }
            return true;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                PublicKey expected, PublicKey actual) {
            refusal = "SFTP host " + session.getConnectAddress() + " presented " + KeyUtils.getKeyType(actual) + " key "
                    + KeyUtils.getFingerPrint(actual) + " but " + file + " expects " + KeyUtils.getFingerPrint(expected)
                    + ": the server was reinstalled or someone is in between; remove the old line only if you know which";
            return false;
        }

        @Override
        protected KnownHostEntry updateKnownHostsFile(ClientSession session, SocketAddress remote, PublicKey serverKey,
                Path file, Collection<HostEntryPair> knownHosts) {
            return null;
        }
    }
}
