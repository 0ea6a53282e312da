package io.tusk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockClientTest {
    @Test
    void forServerPicksTheOldestClientNotOlderThanTheServer() {
        assertThat(StockClient.forServer(12).major()).isEqualTo(15);
        assertThat(StockClient.forServer(15).major()).isEqualTo(15);
        assertThat(StockClient.forServer(16).major()).isEqualTo(17);
        assertThat(StockClient.forServer(17).major()).isEqualTo(17);
        assertThat(StockClient.forServer(18).major()).isEqualTo(18);
        assertThatThrownBy(() -> StockClient.forServer(19)).hasMessageContaining("19").hasMessageContaining("18");
    }

    @Test
    void runCapturesStandardOutput() {
        StockClient.Output out = StockClient.of(15).tool("psql").args("--version").run();

        assertThat(out.stdout()).startsWith("psql (PostgreSQL) 15.");
        assertThat(out.exitCode()).isZero();
    }

    @Test
    void aFailingToolReportsItsStandardError() {
        assertThatThrownBy(() -> StockClient.of(15).tool("psql").args("-X", "-d", "postgresql://postgres@127.0.0.1:1/none", "-c", "SELECT 1").run())
                .hasMessageContaining("stock psql 15")
                .hasMessageContaining("exit code 2")
                .hasMessageContaining("127.0.0.1");
    }
}
