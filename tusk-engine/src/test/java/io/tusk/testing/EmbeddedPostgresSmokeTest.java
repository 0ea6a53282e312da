package io.tusk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresSmokeTest {
    @Test
    void startsTheRequestedMajor() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(12);
             Connection c = pg.connect("postgres");
             ResultSet rs = c.createStatement().executeQuery("show server_version_num")) {
            rs.next();
            assertThat(rs.getInt(1) / 10000).isEqualTo(12);
        }
    }
}
