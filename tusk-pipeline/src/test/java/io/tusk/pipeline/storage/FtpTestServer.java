package io.tusk.pipeline.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * An in-process FTP server (Apache FtpServer) on a free loopback port serving {@code root} as "/" to one user;
 * with TLS (explicit or implicit) its certificate is a self-signed one made by keytool for 127.0.0.1, also put
 * alone in {@link #truststore()}.
 */
public final class FtpTestServer implements AutoCloseable {
    public static final String USER = "backup";
    public static final String PASSWORD = "pa:ss/w@rd";
    static final String STORE_PASSWORD = "changeit";

    private final FtpServer server;
    private final int port;
    private final Path truststore;
    private final String scheme;
    private Map<String, java.util.Deque<Integer>> failures;

    private FtpTestServer(FtpServer server, int port, Path truststore, String scheme) {
        this.server = server;
        this.port = port;
        this.truststore = truststore;
        this.scheme = scheme;
    }

    public enum Tls { NONE, EXPLICIT, IMPLICIT }

    public static FtpTestServer start(Path root, Path work, Tls tls) throws Exception {
        return start(root, work, tls, freePort());
    }

    public static FtpTestServer start(Path root, Path work, Tls tls, int port) throws Exception {
        FtpServerFactory serverFactory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        Path truststore = null;
        if (tls != Tls.NONE) {
            Path keystore = work.resolve("ftp-server.p12");
            truststore = work.resolve("ftp-trust.p12");
            if (!Files.exists(truststore)) {
                makeSelfSignedCertificate(keystore, truststore, work.resolve("ftp-server.cer"));
            }
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keystore.toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword(STORE_PASSWORD);
            ssl.setKeyPassword(STORE_PASSWORD);
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(tls == Tls.IMPLICIT);
        }
        serverFactory.addListener("default", listener.createListener());
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxLogins(100);
        connections.setMaxThreads(20);
        serverFactory.setConnectionConfig(connections.createConnectionConfig());

        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        Path usersFile = Files.createTempFile(work, "ftp-users", ".properties");
        users.setFile(usersFile.toFile());
        UserManager userManager = users.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(root.toString());
        List<Authority> authorities = new ArrayList<>();
        authorities.add(new WritePermission());
        user.setAuthorities(authorities);
        userManager.save(user);
        serverFactory.setUserManager(userManager);

        Map<String, java.util.Deque<Integer>> failures = new ConcurrentHashMap<>();
        Map<String, org.apache.ftpserver.ftplet.Ftplet> ftplets = new java.util.HashMap<>();
        ftplets.put("failures", new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
                java.util.Deque<Integer> codes = failures.get(request.getCommand().toUpperCase(java.util.Locale.ROOT));
                Integer code = codes == null ? null : codes.poll();
                if (code != null) {
                    session.write(new DefaultFtpReply(code, "Simulated failure, try again later."));
                    return FtpletResult.SKIP;
                }
                return super.beforeCommand(session, request);
            }
        });
        // a mutable map: FtpServer clears it on stop
        serverFactory.setFtplets(ftplets);
        FtpServer server = serverFactory.createServer();
        server.start();
        FtpTestServer started = new FtpTestServer(server, port, truststore, tls == Tls.NONE ? "ftp" : "ftps");
        started.failures = failures;
        return started;
    }

    private static void makeSelfSignedCertificate(Path keystore, Path truststore, Path certificate) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "ftp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-alias", "ftp", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "ftp", "-file", certificate.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The next {@code command} (MLST, DELE...) is answered {@code code} instead of being run. */
    void failNext(String command, int code) {
        failNextTimes(command, code, 1);
    }

    /** The next {@code times} {@code command}s are answered {@code code}. */
    void failNextTimes(String command, int code, int times) {
        java.util.Deque<Integer> codes = failures.computeIfAbsent(command, c -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        for (int i = 0; i < times; i++) {
            codes.add(code);
        }
    }

    public int port() {
        return port;
    }

    public Path truststore() {
        return truststore;
    }

    /** A URL to directory {@code dir} (under the served root) with the password, plus {@code extra} query text. */
    public String url(String dir, String extra) {
        return scheme + "://" + USER + ":pa%3Ass%2Fw%40rd@127.0.0.1:" + port + "/" + dir + (extra.isEmpty() ? "" : "?" + extra);
    }

    @Override
    public void close() throws FtpException {
        server.stop();
    }
}
