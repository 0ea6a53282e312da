package io.tusk.bench;

import java.io.OutputStream;
import java.sql.Connection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The COPY floor: every table's {@code COPY ... TO STDOUT}, one after another on one connection, read through
 * pgjdbc's CopyManager (Tusk's own path for data) into a stream that drops it. Runs inside the benchmark's JVM,
 * so it pays no JVM start-up and, after the first round, no warm-up: it is what the server and the driver can do.
 */
final class JdbcCopyFloor implements Contender {
    @Override
    public String name() {
        return "COPY floor (pgjdbc)";
    }

    @Override
    public Kind kind() {
        return Kind.FLOOR;
    }

    @Override
    public long run(Trial trial) throws Exception {
        try (Connection c = trial.pg().connect(trial.database())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteCounter discard = new ByteCounter();
            for (String table : UserTables.of(c)) {
                copy.copyOut("COPY " + table + " TO STDOUT", discard);
            }
            return discard.bytes;
        }
    }

    /** Drops what it is given and counts it: the size column shows the COPY text's size. */
    private static final class ByteCounter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
