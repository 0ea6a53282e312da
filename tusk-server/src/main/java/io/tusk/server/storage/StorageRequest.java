package io.tusk.server.storage;

import java.util.Map;

/**
 * A storage to create or replace. On update, a secret left out keeps its stored value; an empty string removes it.
 * {@code workspaceId} chooses the workspace on creation (by default the user's only one); ignored on update.
 */
public record StorageRequest(String name, String type, Map<String, String> settings, Map<String, String> secrets,
                             Long workspaceId) {
    public Map<String, String> settingsOrEmpty() {
        return settings == null ? Map.of() : settings;
    }

    public Map<String, String> secretsOrEmpty() {
        return secrets == null ? Map.of() : secrets;
    }

    /** The names of the secrets, never their values: Spring MVC logs request bodies at DEBUG. */
    @Override
    public String toString() {
        return "StorageRequest[name=" + name + ", type=" + type + ", settings=" + settings + ", secrets=" + secretsOrEmpty().keySet()
                + ", workspaceId=" + workspaceId + "]";
    }
}
