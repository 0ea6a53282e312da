package io.tusk.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfigException;
import io.tusk.notify.NotifierException;
import io.tusk.notify.NotifierFactory;
import io.tusk.notify.TestEvents;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmailNotifierTest {
    private static final String USER = "tusk";
    private static final String PASSWORD = "s3cr3t-smtp-password";
    private static GreenMail greenMail;

    private final NotifierFactory factory = new NotifierFactory();

    @BeforeAll
    static void startGreenMail() {
        // GreenMail reads its TLS key once per JVM, on the first SMTPS server it starts
        System.setProperty("greenmail.tls.keystore.file", TestCertificate.keystore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificate.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestCertificate.PASSWORD);
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        greenMail.setUser("tusk@example.com", USER, PASSWORD);
        greenMail.start();
    }

    @AfterAll
    static void stopGreenMail() {
        greenMail.stop();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    private Notifier notifier(String security, int port, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                "security", security, "username", USER, "password", PASSWORD, "from", "Tusk <tusk@example.com>",
                "to", "ops@example.com, dba@example.com", "timeoutSeconds", "5"));
        config.putAll(more);
        return factory.create("email", config);
    }

    private static MimeMessage onlyMessage() {
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        // one message, one copy per recipient
        assertThat(received).hasSize(2);
        return received[0];
    }

    private static void assertIsTheBackupFailedMail(MimeMessage mail) throws Exception {
        assertThat(mail.getSubject()).isEqualTo("[Tusk] Backup failed: shop");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("Tusk <tusk@example.com>"));
        assertThat(mail.getAllRecipients()).extracting(Object::toString)
                .containsExactly("ops@example.com", "dba@example.com");
        assertThat(mail.getHeader("X-Tusk-Event")).containsExactly("backup_failed");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        // SMTP carries lines as CRLF
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).startsWith("Backup failed: shop\n")
                .contains("Database: shop\n", "When: 2026-12-01 07:59:36 UTC\n",
                        "Error: connection to db1.internal:5432 refused <check pg_hba.conf> & retry\n",
                        "Open the run in Tusk: https://tusk.example.com/runs/42");
        BodyPart html = parts.getBodyPart(1);
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) html.getContent()).contains("<h2>Backup failed: shop</h2>",
                "<td>connection to db1.internal:5432 refused &lt;check pg_hba.conf&gt; &amp; retry</td>",
                "<a href=\"https://tusk.example.com/runs/42\">").doesNotContain("<check pg_hba.conf>");
    }

    @Test
    void shouldSendPlainTextAndHtmlOverSmtpWithLogin() throws Exception {
        notifier("none", greenMail.getSmtp().getPort(), Map.of()).send(TestEvents.backupFailedMessage());

        assertIsTheBackupFailedMail(onlyMessage());
    }

    @Test
    void shouldSendOverSmtpsTrustingTheSelfSignedCertificateOfATrustedHost() throws Exception {
        notifier("ssl", greenMail.getSmtps().getPort(), Map.of("trustedHosts", "127.0.0.1"))
                .send(TestEvents.backupFailedMessage());

        assertIsTheBackupFailedMail(onlyMessage());
    }

    @Test
    void shouldUpgradeWithStartTlsBeforeLoggingIn() throws Exception {
        try (StartTlsProxy proxy = new StartTlsProxy(greenMail.getSmtp().getPort())) {
            notifier("starttls", proxy.port(), Map.of("trustedHosts", "127.0.0.1"))
                    .send(TestEvents.backupFailedMessage());

            assertIsTheBackupFailedMail(onlyMessage());
            assertThat(proxy.handshakes()).isEqualTo(1);
            assertThat(proxy.commandsInClear()).isZero();
        }
    }

    @Test
    void shouldRefuseToSendWhenTheServerOffersNoStartTls() {
        Notifier notifier = notifier("starttls", greenMail.getSmtp().getPort(), Map.of("trustedHosts", "127.0.0.1"));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> assertThat(e.getMessage())
                        .startsWith("email: sending through 127.0.0.1:" + greenMail.getSmtp().getPort() + " failed: ")
                        .containsIgnoringCase("STARTTLS").doesNotContain(PASSWORD));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void shouldCheckTheCertificateUnlessTheHostIsTrusted() {
        Notifier notifier = notifier("ssl", greenMail.getSmtps().getPort(), Map.of());

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).startsWith("email: TLS with 127.0.0.1:" + greenMail.getSmtps().getPort()
                            + " failed: ").endsWith("for a self-signed certificate set trustedHosts");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void shouldReportARefusedLoginWithoutThePassword() {
        Notifier notifier = notifier("none", greenMail.getSmtp().getPort(), Map.of("password", "wrong-password"));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).startsWith("email: 127.0.0.1:" + greenMail.getSmtp().getPort()
                            + " refused the login of 'tusk': ").doesNotContain("wrong-password");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void shouldSayWhichKeysAreMissing() {
        assertThatThrownBy(() -> factory.create("email", Map.of("host", "smtp.example.com")))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessage("email: host, from and to are required");
        assertThatThrownBy(() -> factory.create("email", Map.of("host", "smtp.example.com", "from", "a@example.com",
                "to", "b@example.com", "security", "tls")))
                .hasMessage("email: security must be starttls, ssl or none but is: 'tls'");
        assertThat(factory.secretKeys("email")).containsExactly("password");
    }
}
