package io.tusk.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSpecTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ConnectionSpec resolve(String host, String port, String user, String database) {
        return ConnectionSpec.resolve(new ConnectOptions(host, port, user, database),
                new ConnectEnvironment(env, home, "osuser", warnings::add));
    }

    @Test
    void defaultsAreLocalhostPortTheOsUserAndADatabaseNamedAsTheUser() {
        ConnectionSpec spec = resolve(null, null, null, null);
        assertThat(spec.host()).isEqualTo("localhost");
        assertThat(spec.port()).isEqualTo(5432);
        assertThat(spec.user()).isEqualTo("osuser");
        assertThat(spec.database()).isEqualTo("osuser");
        assertThat(spec.password()).isEmpty();
        assertThat(spec.sslmode()).isEqualTo("prefer");
        assertThat(spec.applicationName()).isEqualTo("tusk");
        assertThat(spec.connectTimeoutSeconds()).isEmpty();
        assertThat(spec.sourceOf("host")).isEqualTo("the default");
    }

    @Test
    void environmentReplacesDefaults() {
        env.putAll(Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGUSER", "envuser", "PGPASSWORD", "envpw",
                "PGSSLMODE", "require", "PGSSLROOTCERT", "/ca.crt", "PGAPPNAME", "nightly", "PGCONNECT_TIMEOUT", "1"));
        ConnectionSpec spec = resolve(null, null, null, null);
        assertThat(spec.server()).isEqualTo("envhost:6000");
        assertThat(spec.user()).isEqualTo("envuser");
        assertThat(spec.database()).isEqualTo("envuser");
        assertThat(spec.password()).contains("envpw");
        assertThat(spec.sslmode()).isEqualTo("require");
        assertThat(spec.sslrootcert()).contains("/ca.crt");
        assertThat(spec.applicationName()).isEqualTo("nightly");
        assertThat(spec.connectTimeoutSeconds()).hasValue(2);
        assertThat(spec.sourceOf("password")).isEqualTo("PGPASSWORD");
    }

    @Test
    void optionsReplaceEnvironmentAndAnEmptyVariableCountsAsUnset() {
        env.putAll(Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGUSER", "envuser", "PGDATABASE", ""));
        ConnectionSpec spec = resolve("opthost", "7000", "optuser", "shop");
        assertThat(spec.server()).isEqualTo("opthost:7000");
        assertThat(spec.user()).isEqualTo("optuser");
        assertThat(spec.database()).isEqualTo("shop");
        assertThat(spec.sourceOf("host")).isEqualTo("-h");
    }

    @Test
    void connectionStringReplacesOptionsAsInPgDump() {
        // pg_dump -h 127.0.0.1 -p 1111 -d "host=127.0.0.1 port=5999" connects to port 5999
        env.put("PGPORT", "6000");
        ConnectionSpec spec = resolve("opthost", "1111", "optuser", "host=cshost port=5999 dbname=shop");
        assertThat(spec.server()).isEqualTo("cshost:5999");
        assertThat(spec.user()).isEqualTo("optuser");
        assertThat(spec.database()).isEqualTo("shop");
        assertThat(spec.sourceOf("port")).isEqualTo("the connection string");
    }

    @Test
    void uriFillsWhatItGivesAndLeavesTheRestToOptionsAndEnvironment() {
        env.put("PGUSER", "envuser");
        ConnectionSpec spec = resolve(null, "7000", null, "postgresql://[::1]/shop?application_name=x");
        assertThat(spec.server()).isEqualTo("[::1]:7000");
        assertThat(spec.user()).isEqualTo("envuser");
        assertThat(spec.applicationName()).isEqualTo("x");
    }

    @Test
    void passwordComesFromPgpassInTheHomeDirectoryWhenNoneIsGiven() throws IOException {
        Path pgpass = privateFile(home.resolve(".pgpass"), "db1:5432:shop:bob:from-file\n");
        ConnectionSpec spec = resolve("db1", null, "bob", "shop");
        assertThat(spec.password()).contains("from-file");
        assertThat(spec.sourceOf("password")).isEqualTo(pgpass.toString());

        env.put("PGPASSWORD", "from-env");
        assertThat(resolve("db1", null, "bob", "shop").password()).contains("from-env");
    }

    @Test
    void pgpassfileAndPassfileKeywordNameTheFile() throws IOException {
        privateFile(home.resolve("env.pgpass"), "*:*:*:*:from-env-file\n");
        privateFile(home.resolve("kw.pgpass"), "*:*:*:*:from-keyword-file\n");
        env.put("PGPASSFILE", home.resolve("env.pgpass").toString());
        assertThat(resolve(null, null, null, null).password()).contains("from-env-file");
        assertThat(resolve(null, null, null, "passfile=" + home.resolve("kw.pgpass")).password())
                .contains("from-keyword-file");
    }

    @Test
    void unixSocketDirectoryIsRefusedNamingItsSource() {
        env.put("PGHOST", "/var/run/postgresql");
        assertThatThrownBy(() -> resolve(null, null, null, null))
                .isInstanceOf(TuskException.class)
                .hasMessage("Unix-domain socket \"/var/run/postgresql\" (from PGHOST) is not supported: Tusk connects"
                        + " over TCP/IP; use -h 127.0.0.1 or a host name");
        assertThatThrownBy(() -> resolve(null, null, null, "postgresql://%2Ftmp/db"))
                .hasMessageStartingWith("Unix-domain socket \"/tmp\" (from the connection string)");
    }

    @Test
    void severalHostsAreRefused() {
        assertThatThrownBy(() -> resolve(null, null, null, "postgresql://a:1,b:2/db"))
                .hasMessage("several hosts or ports (\"a,b\" port \"1,2\", from the connection string) are not"
                        + " supported: name one host and one port");
    }

    @Test
    void badValuesAreRefusedNamingTheirSource() {
        assertThatThrownBy(() -> resolve(null, "54x", null, null))
                .hasMessage("invalid integer value \"54x\" for connection option \"port\" (from -p)");
        assertThatThrownBy(() -> resolve(null, "70000", null, null))
                .hasMessage("invalid port number: \"70000\" (from -p)");
        env.put("PGSSLMODE", "on");
        assertThatThrownBy(() -> resolve(null, null, null, null))
                .hasMessageStartingWith("invalid sslmode value: \"on\" (from PGSSLMODE)");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(resolve(null, null, null, "password=hunter2").toString())
                .isEqualTo("user \"osuser\" database \"osuser\" on localhost:5432")
                .doesNotContain("hunter2");
    }

    private static Path privateFile(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
