package io.tusk.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

/** PostgreSQL refuses to run as root: as root, the server runs as {@code nobody} through runuser. */
final class RunAs {
    private static final String USER = "nobody";

    private RunAs() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static List<String> prefix() {
        return isRoot() ? List.of("runuser", "-u", USER, "--") : List.of();
    }

    static UserPrincipal serverUser() throws IOException {
        return isRoot() ? FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(USER) : null;
    }
}
