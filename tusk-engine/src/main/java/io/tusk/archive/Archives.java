package io.tusk.archive;

import io.tusk.TuskException;
import io.tusk.archive.custom.CustomArchiveReader;
import io.tusk.archive.directory.DirectoryArchiveReader;
import io.tusk.archive.tar.TarArchiveReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an archive of any of pg_dump's formats, recognizing it as pg_restore does: by what it starts with. */
public final class Archives {
    private static final int TAR_BLOCK = 512;
    private static final int TAR_MAGIC_OFFSET = 257;

    private Archives() {
    }

    /** A directory archive, or a custom or tar archive file. */
    public static ArchiveReader open(Path archive) throws IOException {
        if (Files.isDirectory(archive)) {
            if (!Files.exists(archive.resolve("toc.dat"))) {
                throw new TuskException("directory \"" + archive + "\" does not appear to be a valid archive (\"toc.dat\" does not exist)");
            }
            return DirectoryArchiveReader.open(archive);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(TAR_BLOCK);
        }
        return switch (kind(head, "\"" + archive + "\"")) {
            case CUSTOM -> CustomArchiveReader.open(archive);
            default -> TarArchiveReader.open(archive);
        };
    }

    /** A custom or tar archive read once, front to back (standard input). */
    public static ArchiveReader open(InputStream source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(source, 1 << 16);
        in.mark(TAR_BLOCK);
        byte[] head = in.readNBytes(TAR_BLOCK);
        in.reset();
        return switch (kind(head, "standard input")) {
            case CUSTOM -> CustomArchiveReader.open(in);
            default -> TarArchiveReader.open(in);
        };
    }

    private enum Kind { CUSTOM, TAR }

    private static Kind kind(byte[] head, String name) {
        String start = new String(head, 0, Math.min(5, head.length), StandardCharsets.ISO_8859_1);
        if (start.equals("PGDMP")) {
            return Kind.CUSTOM;
        }
        if (head.length >= TAR_MAGIC_OFFSET + 5
                && new String(head, TAR_MAGIC_OFFSET, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return Kind.TAR;
        }
        if (head.length > 0 && (head[0] == '-' || head[0] == 'S' || head[0] == '\n')) {
            throw new TuskException("input file " + name + " appears to be a text format dump: restore it with psql");
        }
        throw new TuskException("input file " + name + " does not appear to be a valid archive (custom, directory or tar)");
    }
}
