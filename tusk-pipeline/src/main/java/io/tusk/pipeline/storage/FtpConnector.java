package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;

/**
 * Opens logged-in FTP or FTPS control connections (Apache Commons Net): binary type, passive mode, and for FTPS a
 * protected data channel ({@code PBSZ 0}, {@code PROT P}). One connection carries one transfer at a time, so the
 * storage opens one per upload and download besides the one for listings.
 */
final class FtpConnector {
    enum Security { NONE, EXPLICIT_TLS, IMPLICIT_TLS }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Security security;
    private final TrustManager trust;
    private final boolean checkHostName;

    /**
     * @param trust null for the JDK's default trust store; Commons Net's own default only checks the dates of the
     *              certificate, not who signed it, so it is never used
     */
    FtpConnector(String host, int port, String user, String password, Security security, TrustManager trust, boolean checkHostName) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.security = security;
        this.trust = trust;
        this.checkHostName = checkHostName;
    }

    String address() {
        return host + ":" + port;
    }

    FTPClient connect() throws IOException {
        FTPClient ftp = security == Security.NONE ? new FTPClient()
                : new FTPSClient("TLS", security == Security.IMPLICIT_TLS);
        ftp.setConnectTimeout((int) TIMEOUT.toMillis());
        ftp.setDefaultTimeout((int) TIMEOUT.toMillis());
        ftp.setDataTimeout(TIMEOUT);
        if (ftp instanceof FTPSClient ftps) {
            ftps.setTrustManager(trust != null ? trust : defaultTrust());
            ftps.setEndpointCheckingEnabled(checkHostName);
        }
        try {
            ftp.connect(host, port);
        } catch (ConnectException e) {
            throw new TuskException("FTP connection to " + address() + " refused. Check that the host and port are correct"
                    + " and that the server accepts connections", e);
        } catch (UnknownHostException e) {
            throw new TuskException("FTP host " + host + " is unknown: check the host name in the URL", e);
        } catch (SSLException e) {
            disconnect(ftp);
            throw new TuskException("FTPS handshake with " + address() + " failed: " + e.getMessage()
                    + ". Check the server's certificate; for a self-signed one give truststore=FILE (or trustAll=true to skip the check)", e);
        }
        try {
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw reply(ftp, "FTP server " + address() + " refused the connection");
            }
            if (!ftp.login(user, password == null ? "" : password)) {
                int code = ftp.getReplyCode();
                if (FTPReply.isNegativeTransient(code)) {
                    throw reply(ftp, "FTP login as " + user + "@" + address() + " was refused for now");
                }
                throw new TuskException("FTP login as " + user + "@" + address() + " refused (" + code + "): check the user and password");
            }
            if (ftp instanceof FTPSClient ftps) {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
                if (!FTPReply.isPositiveCompletion(ftps.getReplyCode())) {
                    throw new TuskException("FTPS server " + address() + " refuses a protected data channel (PROT P: "
                            + ftps.getReplyString().strip() + "); Tusk never sends backups over an unencrypted data channel");
                }
            }
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            ftp.enterLocalPassiveMode();
            return ftp;
        } catch (IOException | RuntimeException e) {
            disconnect(ftp);
            throw e;
        }
    }

    /** The server's refusal: transient (4xx, worth a retry) or not. */
    static IOException reply(FTPClient ftp, String what) {
        int code = ftp.getReplyCode();
        String message = what + " (" + ftp.getReplyString().strip() + ")";
        return FTPReply.isNegativeTransient(code) ? new TransientStorageException(message) : new IOException(message);
    }

    static void disconnect(FTPClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.disconnect();
            }
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
    }

    static TrustManager trustAll() {
        return TrustManagerUtils.getAcceptAllTrustManager();
    }

    /** Trusts the certificates in {@code file} (PKCS12 or JKS, found by its content). */
    static TrustManager trustStore(java.nio.file.Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance(file.toFile(), password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return firstX509(factory);
        } catch (IOException | GeneralSecurityException e) {
            throw new TuskException("cannot read the FTPS truststore " + file + ": " + e.getMessage()
                    + "; check the path and truststorePassword", e);
        }
    }

    private static TrustManager defaultTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return firstX509(factory);
        } catch (GeneralSecurityException e) {
            throw new TuskException("the JDK's default trust store cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static TrustManager firstX509(TrustManagerFactory factory) {
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager) {
                return m;
            }
        }
        throw new TuskException("no X.509 trust manager in " + factory.getAlgorithm());
    }
}
