package io.tusk.restore;

import io.tusk.archive.LargeObjectFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Turns large objects into the SQL pg_restore writes for them in a script (StartRestoreLO, dump_lo_buf and
 * EndRestoreLO in pg_backup_archiver.c): lo_open, one lowrite per chunk of at most 16 KiB, lo_close. Descriptor 0
 * is the first one a transaction opens, so the statements must run in one transaction (StartRestoreLOs).
 */
final class LargeObjectStatements implements LargeObjectFrames.Sink {
    /** INV_WRITE of libpq-fs.h: lo_open's mode for writing. */
    private static final int INV_WRITE = 0x20000;

    private final OutputStream statementsSink;

    LargeObjectStatements(OutputStream statementsSink) {
        this.statementsSink = statementsSink;
    }

    @Override
    public void startObject(long oid) throws IOException {
        write("SELECT pg_catalog.lo_open('" + oid + "', " + INV_WRITE + ");\n");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, LargeObjectFrames.CHUNK_SIZE);
            write("SELECT pg_catalog.lowrite(0, '\\x" + HexFormat.of().formatHex(b, off, off + n) + "');\n");
            off += n;
            len -= n;
        }
    }

    @Override
    public void endObject(long oid) throws IOException {
        write("SELECT pg_catalog.lo_close(0);\n\n");
    }

    private void write(String sql) throws IOException {
        statementsSink.write(sql.getBytes(StandardCharsets.US_ASCII));
    }
}
