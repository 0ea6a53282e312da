package io.tusk.server.notify;

import java.util.List;
import java.util.Map;

/**
 * A channel to create or change. {@code settings} and {@code secrets} are the channel's keys (docs/notifications.md);
 * the server sorts them itself, so a secret given as a setting is still stored sealed. On update, a secret left out
 * keeps its value. {@code events}: event keys (backup_failed, ...); left out, the defaults (all but backup_succeeded).
 * {@code workspaceId}: chosen on creation (by default the user's only workspace), ignored on update.
 */
public record NotifierRequest(String name, String type, Map<String, String> settings, Map<String, String> secrets,
                              List<String> events, Boolean isDefault, Long workspaceId) {
    /** Never the secrets, whatever logs it. */
    @Override
    public String toString() {
        return "NotifierRequest[name=" + name + ", type=" + type + ", settings=" + (settings == null ? "{}" : settings.keySet())
                + ", secrets=" + (secrets == null ? "{}" : secrets.keySet()) + ", events=" + events + ", isDefault=" + isDefault
                + ", workspaceId=" + workspaceId + "]";
    }
}
