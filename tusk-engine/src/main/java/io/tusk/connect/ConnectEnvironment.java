package io.tusk.connect;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What libpq reads from outside its arguments: environment variables ({@code PGHOST}...), the home directory
 * (for {@code ~/.pgpass}), the operating system user name (the default role) and where warnings go, such as
 * the one about an insecure password file. Tests pass their own; the command line uses {@link #system()}.
 */
public record ConnectEnvironment(Map<String, String> variables, Path homeDirectory, String osUserName,
                                 Consumer<String> warnings) {

    public static ConnectEnvironment system() {
        return new ConnectEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), message -> System.err.println("warning: " + message));
    }

    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
