package io.tusk.notify.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The STARTTLS half of an SMTP server, in front of GreenMail's plain SMTP (GreenMail has no STARTTLS, issue #135 of
 * greenmail-mail-test/greenmail): greets, offers STARTTLS in its EHLO answer and refuses anything else in clear
 * (RFC 3207: 530 until TLS); after STARTTLS it upgrades the socket, swallows GreenMail's greeting (a client says EHLO
 * again after STARTTLS without a new greeting) and relays both ways, so the message really arrives in GreenMail.
 */
final class StartTlsProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int backendPort;
    private final SSLContext tls;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger commandsInClearAfterEhlo = new AtomicInteger();

    StartTlsProxy(int backendPort) throws Exception {
        this.backendPort = backendPort;
        this.tls = TestCertificate.serverContext();
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "starttls-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Completed TLS handshakes: proof the client did upgrade. */
    int handshakes() {
        return handshakes.get();
    }

    /** Commands other than EHLO, STARTTLS and QUIT sent before TLS: should stay 0 (AUTH in clear would count). */
    int commandsInClear() {
        return commandsInClearAfterEhlo.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread session = new Thread(() -> serve(client), "starttls-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 127.0.0.1 ESMTP starttls-proxy");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-127.0.0.1\r\n250 STARTTLS");
                } else if (command.equals("STARTTLS")) {
                    write(out, "220 Ready to start TLS");
                    relayOverTls(client);
                    return;
                } else if (command.equals("QUIT")) {
                    write(out, "221 Bye");
                    return;
                } else {
                    commandsInClearAfterEhlo.incrementAndGet();
                    write(out, "530 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to report
        }
    }

    private void relayOverTls(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, "127.0.0.1", client.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        handshakes.incrementAndGet();
        try (secure; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            readLine(backend.getInputStream());
            Thread up = new Thread(() -> pipe(secure, backend), "starttls-up");
            up.setDaemon(true);
            up.start();
            pipe(backend, secure);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // one side closed: the other copy ends with it
        }
    }

    /** One CRLF line, read byte by byte so nothing past it is consumed before the TLS handshake. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).strip();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
