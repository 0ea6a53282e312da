package io.tusk.server.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A notification channel as the API shows it: its settings, the names of the secrets that are set (never their
 * values), the events it wants, and whether the databases of its workspace without a choice of their own use it.
 */
public record NotifierView(long id, String name, String type, Map<String, String> settings, Set<String> secretsSet,
                           List<String> events, boolean isDefault, Instant createdAt, long workspaceId) {
}
