package io.tusk.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void comparesAgainstNamedMajors() {
        ServerVersion version = ServerVersion.of(150013);
        assertThat(version.major()).isEqualTo(15);
        assertThat(version.atLeast(ServerVersion.v15)).isTrue();
        assertThat(version.atLeast(ServerVersion.v16)).isFalse();
        assertThat(version).isEqualTo(ServerVersion.of(150013)).isGreaterThan(ServerVersion.v15);
    }

    @Test
    void printsAsTheServerSpellsIt() {
        assertThat(ServerVersion.of(110002)).hasToString("11.2");
        assertThat(ServerVersion.v18).hasToString("18.0");
        assertThat(ServerVersion.of(90624)).hasToString("9.6.24");
    }

    @Test
    void supportsEveryReleaseOf12To18() {
        assertThat(ServerVersion.of(120000).isSupported()).isTrue();
        assertThat(ServerVersion.of(180099).isSupported()).isTrue();
        assertThat(ServerVersion.of(110022).isSupported()).isFalse();
        assertThat(ServerVersion.of(190000).isSupported()).isFalse();
    }

    @Test
    void refusesUnsupportedServersNamingBothVersions() {
        assertThatThrownBy(() -> ConnectionFactory.requireSupported(ServerVersion.of(110002), "db:5432"))
                .isInstanceOf(TuskException.class)
                .hasMessage("server version 11.2 on db:5432 is not supported: Tusk supports PostgreSQL 12 to 18");
        assertThatThrownBy(() -> ConnectionFactory.requireSupported(ServerVersion.of(190001), "db:5432"))
                .hasMessageStartingWith("server version 19.1 on db:5432 is not supported");
        assertThatCode(() -> ConnectionFactory.requireSupported(ServerVersion.v12, "db:5432")).doesNotThrowAnyException();
    }
}
