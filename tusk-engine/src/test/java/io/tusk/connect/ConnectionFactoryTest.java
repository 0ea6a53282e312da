package io.tusk.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import io.tusk.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real server where tusk_pw must give its password (scram-sha-256) and every other role is trusted. */
class ConnectionFactoryTest {
    private static final String ROLE = "tusk_pw";
    private static final String PASSWORD = "s3cret";
    private static EmbeddedPostgres pg;

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final List<String> prompts = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        pg = EmbeddedPostgres.builder(15).passwordUser(ROLE, PASSWORD).start();
        pg.createDatabase("shop");
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    private ConnectionSpec spec(String user, String database) {
        return spec(new ConnectOptions("127.0.0.1", Integer.toString(pg.port()), user, database));
    }

    private ConnectionSpec spec(ConnectOptions options) {
        return ConnectionSpec.resolve(options, new ConnectEnvironment(env, home, "nobody-here", message -> { }));
    }

    /** Answers the prompt with this password, or says there is no terminal when it is null. */
    private PasswordReader typing(String answer) {
        return prompt -> {
            prompts.add(prompt);
            return answer == null ? null : answer.toCharArray();
        };
    }

    private static String whoAndWhere(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user || '@' || current_database() || ' as '"
                     + " || current_setting('application_name')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void trustedRoleConnectsWithoutAnyPasswordAndReportsTheVersion() throws SQLException {
        ConnectionFactory factory = new ConnectionFactory(spec("postgres", "shop"), PasswordPrompt.NEVER);
        try (Connection c = factory.open()) {
            assertThat(whoAndWhere(c)).isEqualTo("postgres@shop as tusk");
            assertThat(ServerVersion.of(c).major()).isEqualTo(15);
            assertThat(ServerVersion.of(c).atLeast(ServerVersion.v15)).isTrue();
        }
    }

    @Test
    void passwordFromEnvironmentAuthenticates() throws SQLException {
        env.put("PGPASSWORD", PASSWORD);
        try (Connection c = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.NEVER).open()) {
            assertThat(whoAndWhere(c)).isEqualTo("tusk_pw@shop as tusk");
        }
    }

    @Test
    void passwordFromPgpassAuthenticates() throws IOException, SQLException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# tusk\n127.0.0.1:" + pg.port() + ":*:" + ROLE + ":" + PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        try (Connection c = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.NEVER).open()) {
            assertThat(whoAndWhere(c)).isEqualTo("tusk_pw@shop as tusk");
        }
    }

    @Test
    void uriWithPasswordAndApplicationNameAuthenticates() throws SQLException {
        String uri = "postgresql://" + ROLE + ":" + PASSWORD + "@127.0.0.1:" + pg.port() + "/shop?application_name=nightly";
        try (Connection c = new ConnectionFactory(spec(ConnectOptions.database(uri)), PasswordPrompt.NEVER).open()) {
            assertThat(whoAndWhere(c)).isEqualTo("tusk_pw@shop as nightly");
        }
    }

    @Test
    void conninfoOverridesAWrongPortOption() throws SQLException {
        String conninfo = "host=127.0.0.1 port=" + pg.port() + " dbname='shop' user=postgres";
        ConnectOptions options = new ConnectOptions("127.0.0.1", "1", "ignored", conninfo);
        try (Connection c = new ConnectionFactory(spec(options), PasswordPrompt.NEVER).open()) {
            assertThat(whoAndWhere(c)).isEqualTo("postgres@shop as tusk");
        }
    }

    @Test
    void wrongPasswordFailsWithOneLineNamingUserServerAndSource() {
        env.put("PGPASSWORD", "wrong");
        ConnectionFactory factory = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.NEVER);
        assertThatThrownBy(factory::open)
                .isInstanceOf(TuskException.class)
                .hasMessage("password authentication failed for user \"tusk_pw\" on 127.0.0.1:" + pg.port()
                        + " (password from PGPASSWORD): check the password (PGPASSWORD, ~/.pgpass or -W)")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void neverPromptFailsWhenTheServerDemandsAPassword() {
        ConnectionFactory factory = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.NEVER, typing(PASSWORD));
        assertThatThrownBy(factory::open)
                .isInstanceOf(TuskException.class)
                .hasMessage("password required for user \"tusk_pw\" on 127.0.0.1:" + pg.port() + " but none was"
                        + " given and -w forbids asking: set PGPASSWORD, add it to ~/.pgpass or use -W");
        assertThat(prompts).isEmpty();
    }

    @Test
    void defaultPromptAsksOnlyWhenTheServerDemandsAPasswordAndOnlyOnce() throws SQLException {
        ConnectionFactory trusted = new ConnectionFactory(spec("postgres", "shop"), PasswordPrompt.WHEN_REQUIRED,
                typing("unused"));
        trusted.open().close();
        assertThat(prompts).isEmpty();

        ConnectionFactory factory = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.WHEN_REQUIRED,
                typing(PASSWORD));
        try (Connection first = factory.open(); Connection second = factory.open()) {
            assertThat(whoAndWhere(first)).isEqualTo(whoAndWhere(second)).isEqualTo("tusk_pw@shop as tusk");
        }
        assertThat(prompts).containsExactly("Password for user tusk_pw: ");
    }

    @Test
    void defaultPromptWithoutATerminalFailsClearly() {
        ConnectionFactory factory = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.WHEN_REQUIRED, typing(null));
        assertThatThrownBy(factory::open)
                .hasMessage("password required for user \"tusk_pw\" on 127.0.0.1:" + pg.port() + " but there is no"
                        + " terminal to ask on: set PGPASSWORD or add it to ~/.pgpass");
    }

    @Test
    void alwaysPromptAsksBeforeConnectingAndTheTypedPasswordWinsOverTheEnvironment() throws SQLException {
        env.put("PGPASSWORD", "wrong");
        ConnectionFactory factory = new ConnectionFactory(spec(ROLE, "shop"), PasswordPrompt.ALWAYS, typing(PASSWORD));
        try (Connection c = factory.open()) {
            assertThat(whoAndWhere(c)).isEqualTo("tusk_pw@shop as tusk");
        }
        assertThat(prompts).hasSize(1);
    }

    @Test
    void missingDatabaseIsNamed() {
        ConnectionFactory factory = new ConnectionFactory(spec("postgres", "nope"), PasswordPrompt.NEVER);
        assertThatThrownBy(factory::open)
                .hasMessage("database \"nope\" does not exist on 127.0.0.1:" + pg.port()
                        + ": check the database name (-d or PGDATABASE)");
    }

    @Test
    void missingRoleIsNamed() {
        ConnectionFactory factory = new ConnectionFactory(spec("x", "shop"), PasswordPrompt.NEVER);
        assertThatThrownBy(factory::open)
                .hasMessage("role \"x\" does not exist on 127.0.0.1:" + pg.port() + ": check the user name (-U or PGUSER)");
    }

    @Test
    void refusedPortSaysToCheckTheServer() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectOptions options = new ConnectOptions("127.0.0.1", Integer.toString(port), "postgres", "shop");
        ConnectionFactory factory = new ConnectionFactory(spec(options), PasswordPrompt.NEVER);
        assertThatThrownBy(factory::open)
                .hasMessage("connection to 127.0.0.1:" + port + " refused: is the server running on that host and"
                        + " accepting TCP/IP connections?")
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void unknownHostNameIsNamed() {
        ConnectOptions options = new ConnectOptions("no-such-host.invalid", "5432", "postgres", "shop");
        ConnectionFactory factory = new ConnectionFactory(spec(options), PasswordPrompt.NEVER);
        assertThatThrownBy(factory::open)
                .hasMessage("could not translate host name \"no-such-host.invalid\" to an address: check the host"
                        + " name (-h, PGHOST or host= in the connection string)")
                .hasRootCauseInstanceOf(UnknownHostException.class);
    }

    @Test
    void unixSocketPathIsRefusedBeforeConnecting() {
        ConnectOptions options = new ConnectOptions("/var/run/postgresql", null, "postgres", "shop");
        assertThatThrownBy(() -> spec(options))
                .isInstanceOf(TuskException.class)
                .hasMessage("Unix-domain socket \"/var/run/postgresql\" (from -h) is not supported: Tusk connects over"
                        + " TCP/IP; use -h 127.0.0.1 or a host name");
    }
}
