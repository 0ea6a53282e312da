package io.tusk.server.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A storage as the API shows it: settings in clear, only the names of the secrets that are set. */
public record StorageConfig(long id, String name, String type, Map<String, String> settings, Set<String> secretsSet,
                            Instant createdAt, long workspaceId) {
}
