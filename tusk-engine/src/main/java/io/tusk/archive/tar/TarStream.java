package io.tusk.archive.tar;

import io.tusk.archive.ArchiveFormatException;
import java.io.IOException;
import java.io.InputStream;

/** Tar members read forward from a stream: a header, its data, the padding, the next header. */
final class TarStream {
    private final InputStream archiveSource;
    private long position;
    /** Bytes of the current member's data and padding not read yet. */
    private long unread;
    private String current;

    TarStream(InputStream archiveSource) {
        this.archiveSource = archiveSource;
    }

    long position() {
        return position;
    }

    /** The next member's header, or null at the end of the archive; skips what is left of the current one. */
    TarHeader.Member next() throws IOException {
        skip(unread, current);
        unread = 0;
        byte[] block = new byte[TarHeader.BLOCK];
        int got = readFully(block, 0, block.length);
        if (got == 0) {
            return null;
        }
        if (got < block.length) {
            throw new ArchiveFormatException("tar archive is truncated: it ends inside the header at offset "
                    + (position - got));
        }
        TarHeader.Member member = TarHeader.parse(block, position - block.length);
        if (member != null) {
            unread = TarHeader.padded(member.size());
            current = member.name();
        }
        return member;
    }

    /** The member's data; valid until {@link #next()}. A premature end names the member. */
    InputStream data(TarHeader.Member member) {
        long dataStart = position;
        return new InputStream() {
            private long left = member.size();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = archiveSource.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw truncatedIn(member.name(), member.size(), position - dataStart);
                }
                left -= n;
                unread -= n;
                position += n;
                return n;
            }
        };
    }

    void close() throws IOException {
        archiveSource.close();
    }

    private void skip(long count, String member) throws IOException {
        byte[] buffer = new byte[8192];
        long start = position;
        while (count > 0) {
            int n = archiveSource.read(buffer, 0, (int) Math.min(count, buffer.length));
            if (n < 0) {
                throw new ArchiveFormatException("tar archive is truncated: it ends at offset " + position
                        + ", " + (position - start) + " bytes into the rest of member " + member);
            }
            count -= n;
            position += n;
        }
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = archiveSource.read(b, off + got, len - got);
            if (n < 0) {
                break;
            }
            got += n;
            position += n;
        }
        return got;
    }

    private ArchiveFormatException truncatedIn(String member, long size, long read) {
        return new ArchiveFormatException("tar archive is truncated: member " + member + " holds " + size
                + " bytes, but the archive ends " + read + " bytes into it (offset " + position + ")");
    }
}
