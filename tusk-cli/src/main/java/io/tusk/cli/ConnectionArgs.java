package io.tusk.cli;

import io.tusk.connect.ConnectEnvironment;
import io.tusk.connect.ConnectOptions;
import io.tusk.connect.ConnectionFactory;
import io.tusk.connect.ConnectionSpec;
import io.tusk.connect.PasswordPrompt;
import picocli.CommandLine.Option;

/** The connection options pg_dump and pg_restore share. */
final class ConnectionArgs {
    @Option(names = {"-h", "--host"}, paramLabel = "HOSTNAME", description = "database server host (default: PGHOST or localhost)")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "database server port (default: PGPORT or 5432)")
    String port;

    @Option(names = {"-U", "--username"}, paramLabel = "NAME", description = "connect as this role (default: PGUSER or the OS user)")
    String user;

    @Option(names = {"-w", "--no-password"}, description = "never prompt for a password")
    boolean noPassword;

    @Option(names = {"-W", "--password"}, description = "prompt for a password before connecting")
    boolean askPassword;

    ConnectionFactory factory(String database) {
        ConnectionSpec spec = ConnectionSpec.resolve(new ConnectOptions(host, port, user, database), ConnectEnvironment.system());
        PasswordPrompt prompt = noPassword ? PasswordPrompt.NEVER : askPassword ? PasswordPrompt.ALWAYS : PasswordPrompt.WHEN_REQUIRED;
        return new ConnectionFactory(spec, prompt);
    }
}
