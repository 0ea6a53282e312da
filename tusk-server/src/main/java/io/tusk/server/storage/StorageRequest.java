package io.tusk.server.storage;

import java.util.Map;

/**
 * A storage to create or replace. On update, a secret left out keeps its stored value; an empty string removes it.
 */
public record StorageRequest(String name, String type, Map<String, String> settings, Map<String, String> secrets) {
    public Map<String, String> settingsOrEmpty() {
        return settings == null ? Map.of() : settings;
    }

    public Map<String, String> secretsOrEmpty() {
        return secrets == null ? Map.of() : secrets;
    }
}
