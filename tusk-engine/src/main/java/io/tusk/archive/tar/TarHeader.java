package io.tusk.archive.tar;

import io.tusk.archive.ArchiveFormatException;
import java.nio.charset.StandardCharsets;

/**
 * The 512-byte ustar member header, as pg_dump writes it (src/port/tar.c, tarCreateHeader; pg_backup_tar.c):
 *
 * <pre>
 * offset size field
 *      0  100 name, NUL-padded
 *    100    8 mode      "0000600 "     octal numbers: len-1 zero-padded digits and a space;
 *    108    8 uid       "0004000 "     values too large for them (a member over 8 GiB) are base-256:
 *    116    8 gid       "0002000 "     0x80, then the value big-endian in the remaining bytes
 *    124   12 size      "00000004063 "
 *    136   12 mtime     seconds since 1970
 *    148    8 checksum  sum of the 512 bytes, this field counted as spaces
 *    156    1 typeflag  '0', a regular file
 *    257    8 magic     "ustar\0" "00"
 *    265   32 uname     "postgres";  297 32 gname "postgres"
 *    329    8 devmajor  "0000000 ";  337 8 devminor "0000000 "
 * </pre>
 *
 * Data follows, padded with zeros to a multiple of 512; two zero blocks end the archive. Written by hand rather than
 * with commons-compress: the layout is this small, pg_dump's exact field values are kept, and the reader needs
 * precise truncation messages on a non-seekable stream.
 */
final class TarHeader {
    static final int BLOCK = 512;
    private static final int CHECKSUM_OFFSET = 148;

    record Member(String name, long size) {
    }

    private TarHeader() {
    }

    static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    static byte[] create(String name, long size, long mtimeSeconds) {
        byte[] h = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 99) {
            throw new IllegalArgumentException("tar member name longer than 99 bytes: " + name);
        }
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        putNumber(h, 100, 8, 0600);
        // pg_dump writes these fixed owner ids and names, not the dumping user's
        putNumber(h, 108, 8, 04000);
        putNumber(h, 116, 8, 02000);
        putNumber(h, 124, 12, size);
        putNumber(h, 136, 12, mtimeSeconds);
        h[156] = '0';
        ascii(h, 257, "ustar\0" + "00");
        ascii(h, 265, "postgres");
        ascii(h, 297, "postgres");
        putNumber(h, 329, 8, 0);
        putNumber(h, 337, 8, 0);
        putNumber(h, CHECKSUM_OFFSET, 8, checksum(h));
        return h;
    }

    /**
     * The member a header block describes, or null for a zero block (the end of the archive).
     *
     * @param offset where the block is in the archive, for messages
     */
    static Member parse(byte[] h, long offset) throws ArchiveFormatException {
        boolean zero = true;
        for (byte b : h) {
            if (b != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return null;
        }
        long stored = readNumber(h, CHECKSUM_OFFSET, 8, offset);
        long computed = checksum(h);
        if (stored != computed) {
            throw new ArchiveFormatException("corrupt tar archive: the header at offset " + offset + " has checksum "
                    + stored + ", but its bytes sum to " + computed + " (not a tar archive, or damaged)");
        }
        int end = 0;
        while (end < 100 && h[end] != 0) {
            end++;
        }
        String name = new String(h, 0, end, StandardCharsets.UTF_8);
        long size = readNumber(h, 124, 12, offset);
        if (size < 0) {
            throw new ArchiveFormatException("corrupt tar archive: member " + name + " at offset " + offset + " has size " + size);
        }
        return new Member(name, size);
    }

    private static long checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + 8 ? ' ' : h[i] & 0xff;
        }
        return sum;
    }

    private static void putNumber(byte[] h, int at, int len, long value) {
        if (value < 1L << (3 * (len - 1))) {
            String octal = Long.toOctalString(value);
            ascii(h, at, "0".repeat(len - 1 - octal.length()) + octal + " ");
        } else {
            h[at] = (byte) 0x80;
            for (int i = len - 1; i > 0; i--) {
                h[at + i] = (byte) value;
                value >>>= 8;
            }
        }
    }

    private static long readNumber(byte[] h, int at, int len, long headerOffset) throws ArchiveFormatException {
        if ((h[at] & 0x80) != 0) {
            long value = 0;
            for (int i = 1; i < len; i++) {
                value = value << 8 | (h[at + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = at;
        while (i < at + len && h[i] == ' ') {
            i++;
        }
        for (; i < at + len && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new ArchiveFormatException("corrupt tar archive: the header at offset " + headerOffset
                        + " has a non-octal digit at byte " + (i - at) + " of the field at " + at);
            }
            value = value << 3 | (h[i] - '0');
        }
        return value;
    }

    private static void ascii(byte[] h, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }
}
