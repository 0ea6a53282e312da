package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.TrustManager;

/**
 * {@code ftp://USER[:PASSWORD]@HOST[:PORT]/DIR} and {@code ftps://...}: FTPS is explicit TLS (AUTH TLS on port 21)
 * unless {@code implicit=true} (TLS from the first byte, port 990). The server's certificate is checked against the
 * JDK's trust store and the host name, or against {@code truststore=FILE} (PKCS12 or JKS,
 * {@code truststorePassword}); {@code trustAll=true} skips the check. The password comes from the URL, from
 * {@code passwordFile=FILE}, or from {@code TUSK_FTP_PASSWORD}.
 */
final class FtpUrls {
    static final String PASSWORD_ENV = "TUSK_FTP_PASSWORD";
    private static final Set<String> FTP_PARAMETERS = Set.of();
    private static final Set<String> FTPS_PARAMETERS = Set.of("implicit", "trustAll", "truststore");

    private FtpUrls() {
    }

    static Storage open(URI uri, Function<String, String> environment, Retry retry) {
        boolean tls = uri.getScheme().equals("ftps");
        String kind = tls ? "FTPS" : "FTP";
        StorageUrl url = new StorageUrl(uri, kind, tls ? FTPS_PARAMETERS : FTP_PARAMETERS,
                tls ? Set.of("password", "truststorePassword") : Set.of("password"), environment);
        String host = uri.getHost();
        String rawUser = uri.getRawUserInfo();
        if (host == null || host.isEmpty() || rawUser == null || rawUser.isEmpty()) {
            throw new TuskException(kind + " storage URL \"" + StorageUrls.redact(uri.toString()) + "\" needs a user and a host: expected "
                    + uri.getScheme() + "://USER[:PASSWORD]@HOST[:PORT]/DIR");
        }
        int colon = rawUser.indexOf(':');
        String user = StorageUrl.percentDecode(colon < 0 ? rawUser : rawUser.substring(0, colon));
        String password = colon >= 0 ? StorageUrl.percentDecode(rawUser.substring(colon + 1)) : url.secret("password", PASSWORD_ENV);
        boolean implicit = tls && url.flag("implicit");
        int port = uri.getPort() >= 0 ? uri.getPort() : implicit ? 990 : 21;
        FtpConnector.Security security = !tls ? FtpConnector.Security.NONE
                : implicit ? FtpConnector.Security.IMPLICIT_TLS : FtpConnector.Security.EXPLICIT_TLS;
        TrustManager trust = null;
        boolean trustAll = tls && url.flag("trustAll");
        if (trustAll) {
            trust = FtpConnector.trustAll();
        } else if (tls && url.param("truststore") != null) {
            String storePassword = url.secret("truststorePassword", null);
            trust = FtpConnector.trustStore(Path.of(url.param("truststore")), storePassword == null ? null : storePassword.toCharArray());
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String dir = path.equals("/~") ? "." : path.startsWith("/~/") ? path.substring(3) : path;
        String location = uri.getScheme() + "://" + user + "@" + host + ":" + port + path;
        FtpConnector connector = new FtpConnector(host, port, user, password, security, trust, !trustAll);
        return new FtpStorage(connector, dir, location, retry);
    }
}
