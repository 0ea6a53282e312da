package io.tusk.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tusk.TuskException;
import org.junit.jupiter.api.Test;

class ConnectionStringTest {

    @Test
    void uriGivesEveryPartPercentDecoded() {
        assertThat(ConnectionString.parse("postgresql://b%40b:p%3As%2Fs%20w@db.example.com:6432/my%20db?sslmode=require&application_name=nightly"))
                .containsOnly(entry("user", "b@b"), entry("password", "p:s/s w"), entry("host", "db.example.com"),
                        entry("port", "6432"), entry("dbname", "my db"), entry("sslmode", "require"),
                        entry("application_name", "nightly"));
    }

    @Test
    void uriWithShortPrefixAndNoPartsLeavesEverythingUnset() {
        assertThat(ConnectionString.parse("postgres://")).isEmpty();
        assertThat(ConnectionString.parse("postgresql:///shop")).containsOnly(entry("dbname", "shop"));
    }

    @Test
    void uriTakesBracketedIpv6Addresses() {
        assertThat(ConnectionString.parse("postgresql://[::1]:5433/db"))
                .containsOnly(entry("host", "::1"), entry("port", "5433"), entry("dbname", "db"));
        assertThat(ConnectionString.parse("postgresql://[2001:db8::7]/db")).containsEntry("host", "2001:db8::7");
    }

    @Test
    void uriQueryParametersSetKeywordsTheUriLeftOut() {
        assertThat(ConnectionString.parse("postgresql:///db?host=10.0.0.5&port=5999&user=al%20ice&ssl=true"))
                .containsOnly(entry("dbname", "db"), entry("host", "10.0.0.5"), entry("port", "5999"),
                        entry("user", "al ice"), entry("sslmode", "require"));
    }

    @Test
    void uriKeepsEveryHostOfAList() {
        assertThat(ConnectionString.parse("postgresql://a:1,b:2/db"))
                .containsEntry("host", "a,b").containsEntry("port", "1,2");
    }

    @Test
    void uriErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> ConnectionString.parse("postgresql://h/db?nosuch=1"))
                .isInstanceOf(TuskException.class).hasMessage("invalid URI query parameter: \"nosuch\"");
        assertThatThrownBy(() -> ConnectionString.parse("postgresql://h/db?sslmode"))
                .hasMessage("missing key/value separator \"=\" in URI query parameter: \"sslmode\"");
        assertThatThrownBy(() -> ConnectionString.parse("postgresql://h/d%zzb"))
                .hasMessageStartingWith("invalid percent-encoded token: \"d%zzb\"");
        assertThatThrownBy(() -> ConnectionString.parse("postgresql://[::1/db"))
                .hasMessageContaining("matching \"]\"");
        assertThatThrownBy(() -> ConnectionString.parse("postgresql://h/db?hostaddr=1.2.3.4"))
                .hasMessage("connection option \"hostaddr\" is not supported by Tusk: remove it from the connection string");
    }

    @Test
    void conninfoTakesQuotedValuesWithEscapes() {
        assertThat(ConnectionString.parse("  host = db1  dbname='my \\'big\\' db' password=a\\ b\\\\c user=''"))
                .containsOnly(entry("host", "db1"), entry("dbname", "my 'big' db"), entry("password", "a b\\c"),
                        entry("user", ""));
    }

    @Test
    void conninfoDoesNotExpandADbnameThatIsItselfAConnectionString() {
        assertThat(ConnectionString.parse("dbname='postgresql://h:1/x' port=2"))
                .containsOnly(entry("dbname", "postgresql://h:1/x"), entry("port", "2"));
    }

    @Test
    void conninfoErrorsAreLibpqs() {
        assertThatThrownBy(() -> ConnectionString.parse("host=a dbname"))
                .hasMessage("missing \"=\" after \"dbname\" in connection info string");
        assertThatThrownBy(() -> ConnectionString.parse("dbname='open"))
                .hasMessage("unterminated quoted string in connection info string");
        assertThatThrownBy(() -> ConnectionString.parse("hots=a"))
                .hasMessage("invalid connection option \"hots\"");
    }

    @Test
    void recognisesConnectionStringsAsLibpqDoes() {
        assertThat(ConnectionString.isConnectionString("postgresql://x")).isTrue();
        assertThat(ConnectionString.isConnectionString("postgres://x")).isTrue();
        assertThat(ConnectionString.isConnectionString("dbname=x")).isTrue();
        assertThat(ConnectionString.isConnectionString("shop")).isFalse();
        assertThat(ConnectionString.isConnectionString("postgresql:/x")).isFalse();
    }
}
