package io.tusk.archive;

import java.time.LocalDateTime;

/**
 * What an archive says about itself before its entries.
 *
 * @param formatVersion   archive version, e.g. 1.14 as {@code (1, 14, 0)} packed by {@link #version(int, int, int)}
 * @param compression     the compression of the data blocks
 * @param database        the dumped database's name
 * @param serverVersion   version string of the server dumped ("15.13")
 * @param dumperVersion   version string of the program that wrote it
 * @param createdAt       local time the dump started
 */
public record ArchiveHeader(
        int formatVersion,
        Compression compression,
        String database,
        String serverVersion,
        String dumperVersion,
        LocalDateTime createdAt) {

    public static int version(int major, int minor, int rev) {
        return (major << 16) | (minor << 8) | rev;
    }

    public int versionMajor() {
        return formatVersion >> 16;
    }

    public int versionMinor() {
        return (formatVersion >> 8) & 0xff;
    }

    public int versionRev() {
        return formatVersion & 0xff;
    }

    public String versionString() {
        return versionMajor() + "." + versionMinor() + "-" + versionRev();
    }
}
