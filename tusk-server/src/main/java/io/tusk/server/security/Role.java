package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A user's role in one workspace, weakest first: each role may do everything the ones before it may.
 * Viewers read; operators also run backups, cancel runs, restore and download; admins also configure databases,
 * storages and schedules and manage viewers and operators; owners also manage admins and owners and export
 * backup keys.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN, OWNER;

    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        if (id != null) {
            for (Role r : values()) {
                if (r.id().equals(id)) {
                    return r;
                }
            }
        }
        throw ApiException.badRequest("role", "role must be one of " + String.join(", ",
                Arrays.stream(values()).map(Role::id).toList()) + " but is \"" + id + "\"");
    }
}
