package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code email}: {@code host}, {@code port} (default 587 for starttls, 465 for ssl, 25 for none), {@code security}
 * ({@code starttls} default, {@code ssl}, {@code none}), {@code username}, {@code password} (secret), {@code from},
 * {@code to} (comma-separated), {@code trustedHosts} (hosts whose certificate is trusted without a CA, for
 * self-signed servers: space-separated, or {@code *}; the host name is still checked), {@code timeoutSeconds}.
 */
public final class EmailNotifierProvider implements NotifierProvider {
    @Override
    public String name() {
        return "email";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("password");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (!config.has("host") || !config.has("from") || !config.has("to")) {
            throw config.invalid("host, from and to are required");
        }
        EmailNotifier.Security security;
        String securityValue = config.get("security", "starttls");
        try {
            security = EmailNotifier.Security.valueOf(securityValue.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw config.invalid("security must be starttls, ssl or none but is: '" + securityValue + "'");
        }
        int defaultPort = switch (security) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case SSL -> 465;
        };
        String username = config.optional("username").orElse(null);
        String password = config.optional("password").orElse(null);
        if ((username == null) != (password == null)) {
            throw config.invalid("username and password go together: set both, or neither for a server without login");
        }
        return new EmailNotifier(config.required("host"), config.integer("port", defaultPort, 1, 65535), security,
                username, password, address(config, "from", config.required("from")), recipients(config),
                config.optional("trustedHosts").orElse(null), config.timeout());
    }

    private static List<InternetAddress> recipients(NotifierConfig config) {
        List<InternetAddress> recipients = new ArrayList<>();
        for (String address : config.required("to").split(",")) {
            if (!address.isBlank()) {
                recipients.add(address(config, "to", address.strip()));
            }
        }
        if (recipients.isEmpty()) {
            throw config.invalid("to needs at least one address");
        }
        return recipients;
    }

    private static InternetAddress address(NotifierConfig config, String key, String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw config.invalid(key + " has an invalid address: '" + value + "' (" + e.getMessage() + ")");
        }
    }
}
