package io.tusk.notify.channel;

import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * Email over SMTP with Jakarta Mail (Angus): plain, STARTTLS (required, never silently skipped) or SMTPS; a
 * multipart/alternative message with the plain text first and the HTML last, as RFC 2046 orders them (clients show
 * the last part they can display).
 */
final class EmailNotifier implements Notifier {
    enum Security { NONE, STARTTLS, SSL }

    private final String host;
    private final int port;
    private final Security security;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final Session session;

    EmailNotifier(String host, int port, Security security, String username, String password, InternetAddress from,
                  List<InternetAddress> to, String trustedHosts, Duration timeout) {
        this.host = host;
        this.port = port;
        this.security = security;
        this.username = username;
        this.password = password;
        this.from = from;
        this.to = List.copyOf(to);
        this.session = Session.getInstance(properties(security, username != null, trustedHosts, timeout));
    }

    private static String protocol(Security security) {
        return security == Security.SSL ? "smtps" : "smtp";
    }

    static Properties properties(Security security, boolean auth, String trustedHosts, Duration timeout) {
        String prefix = "mail." + protocol(security) + ".";
        Properties properties = new Properties();
        String millis = Long.toString(timeout.toMillis());
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "auth", Boolean.toString(auth));
        if (security == Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            // without this, a server (or a man in the middle) that does not offer STARTTLS gets the password in clear
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (security != Security.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            if (trustedHosts != null) {
                properties.setProperty(prefix + "ssl.trust", trustedHosts);
            }
        }
        return properties;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String destination() {
        return to.size() + " recipient(s) via " + host + ":" + port;
    }

    @Override
    public void send(Message message) throws NotifierException {
        String server = host + ":" + port;
        try {
            MimeMessage mail = mail(message);
            try (Transport transport = session.getTransport(protocol(security))) {
                transport.connect(host, port, username, password);
                transport.sendMessage(mail, mail.getAllRecipients());
            }
        } catch (AuthenticationFailedException e) {
            throw new NotifierException("email: " + server + " refused the login of '" + username + "': "
                    + oneLine(e), false, null, e);
        } catch (SendFailedException e) {
            throw new NotifierException("email: " + server + " refused the recipients: " + oneLine(e), false, null, e);
        } catch (MessagingException e) {
            if (hasCause(e, SSLException.class)) {
                throw new NotifierException("email: TLS with " + server + " failed: " + oneLine(e)
                        + "; check security (starttls or ssl), and for a self-signed certificate set trustedHosts",
                        false, null, e);
            }
            throw new NotifierException("email: sending through " + server + " failed: " + oneLine(e), true, null, e);
        }
    }

    private MimeMessage mail(Message message) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(from);
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        mail.setSubject("[Tusk] " + message.title(), "UTF-8");
        mail.setSentDate(Date.from(message.event().time()));
        mail.setHeader("X-Tusk-Event", message.event().type().key());
        mail.setHeader("X-Tusk-Delivery", message.id());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<!DOCTYPE html>\n<html><body>\n" + message.html() + "</body></html>\n", "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        return mail;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its causes as one line: Jakarta Mail puts the useful part (the SMTP reply) in the cause. */
    private static String oneLine(Throwable error) {
        StringBuilder line = new StringBuilder();
        for (Throwable cause = error; cause != null && line.length() < 400; cause = cause.getCause()) {
            String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (line.indexOf(text.strip()) < 0) {
                line.append(line.length() == 0 ? "" : ": ").append(text.strip());
            }
        }
        return line.toString().replaceAll("\\s+", " ");
    }
}
