package io.tusk.archive.tar;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.toc.ArchiveInput;
import io.tusk.archive.toc.CopyEndStrippingInputStream;
import io.tusk.archive.toc.LargeObjectToc;
import io.tusk.archive.toc.TocCodec;
import io.tusk.archive.toc.TocFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pg_dump's tar format ({@code -Ft}) as pg_dump 12 to 18 write it: toc.dat first (archive versions 1.12 to
 * 1.16), then a member per TABLE DATA entry, and per BLOBS entry a member {@code blob_<oid>.dat} per large object
 * (read as {@link io.tusk.archive.LargeObjectFrames}); other members (restore.sql, the blobs tables) are skipped.
 *
 * <p>From a file, the member headers are indexed on open and entries may be read in any order, also concurrently.
 * From a stream (stdin) data must be asked for in archive order, as pg_restore requires.
 *
 * <pre>{@code
 * try (TarArchiveReader archive = TarArchiveReader.open(Path.of("pagila.tar"))) { ... }
 * }</pre>
 */
public final class TarArchiveReader implements ArchiveReader {
    private final FileChannel file;
    private final TarStream stream;
    private final ArchiveHeader header;
    private final List<ArchiveEntry> entries;
    /** Dump id to the member name toc.dat records ("3261.dat"), "" without data. */
    private final Map<Integer, String> memberNames = new HashMap<>();
    /** File: member name to {data offset, size}. */
    private final Map<String, long[]> index = new HashMap<>();
    /** File: member names in archive order. */
    private final List<String> memberOrder = new java.util.ArrayList<>();
    /** File: why indexing stopped early, or null when the archive ends properly. */
    private String truncation;
    /** Stream: members already passed. */
    private final Set<String> passed = new HashSet<>();

    private TarArchiveReader(FileChannel file, TarStream stream) throws IOException {
        this.file = file;
        this.stream = stream;
        InputStream tocSource;
        if (file != null) {
            indexMembers();
            long[] toc = index.get(TarArchiveWriter.TOC_MEMBER);
            if (toc == null || toc[0] != TarHeader.BLOCK) {
                throw new ArchiveFormatException("not a pg_dump tar archive: its first member is not toc.dat"
                        + (truncation != null ? " (" + truncation + ")" : ""));
            }
            tocSource = new RangeInputStream(file, toc[0], toc[1]);
        } else {
            TarHeader.Member first = stream.next();
            if (first == null || !first.name().equals(TarArchiveWriter.TOC_MEMBER)) {
                throw new ArchiveFormatException("not a pg_dump tar archive: its first member is "
                        + (first == null ? "missing" : first.name()) + ", not toc.dat");
            }
            tocSource = stream.data(first);
        }
        ArchiveInput in = ArchiveInput.forward(tocSource, "toc.dat");
        this.header = TocCodec.readHead(in, TocFormat.FORMAT_TAR, "tar archive");
        this.entries = TocCodec.readToc(in, header.formatVersion(), (i, e) -> i.readStr(), memberNames);
    }

    /** Opens a file and reads its table of contents. */
    public static TarArchiveReader open(Path archive) throws IOException {
        FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ);
        try {
            return new TarArchiveReader(channel, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads from a stream that cannot seek, such as stdin; the reader closes it. */
    public static TarArchiveReader open(InputStream archiveSource) throws IOException {
        try {
            return new TarArchiveReader(null, new TarStream(archiveSource));
        } catch (IOException | RuntimeException e) {
            archiveSource.close();
            throw e;
        }
    }

    @Override
    public boolean supportsRandomAccess() {
        return file != null;
    }

    @Override
    public ArchiveHeader header() {
        return header;
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    @Override
    public InputStream openData(ArchiveEntry entry) throws IOException {
        if (!memberNames.containsKey(entry.dumpId())) {
            throw new IllegalArgumentException(entry.displayName() + " (dump id " + entry.dumpId() + ") is not in this archive");
        }
        String name = memberNames.get(entry.dumpId());
        if (!entry.hasData() || name == null || name.isEmpty()) {
            throw new ArchiveFormatException(entry.displayName() + " has no data in this archive");
        }
        if (LargeObjectFrames.isLargeObjects(entry)) {
            return LargeObjectFrames.framesOf(largeObjectsOf(entry));
        }
        if (!"TABLE DATA".equals(entry.desc())) {
            throw new ArchiveFormatException(entry.displayName() + ": reading " + entry.desc()
                    + " data is not supported yet, only TABLE DATA and BLOBS");
        }
        InputStream member = file != null ? openFromFile(entry, name) : openFromStream(entry, name);
        return new CopyEndStrippingInputStream(member);
    }

    /**
     * The large objects of a BLOBS entry as pg_restore's _LoadLOs (pg_backup_tar.c) finds them: the blobs table
     * comes after the objects, so it is not read; the objects are the consecutive {@code blob_<oid>.dat} members from
     * the first one on. Archive 1.16 (pg_dump 17) may hold several BLOBS entries: each starts at the member of the
     * first oid of its tag ("16385..16390"); before, the one entry starts at the first such member.
     */
    private LargeObjectFrames.LargeObjects largeObjectsOf(ArchiveEntry entry) throws IOException {
        String first = null;
        if (header.formatVersion() >= TocFormat.V1_16) {
            long oid = leadingOid(entry.tag());
            if (oid == 0) {
                throw new ArchiveFormatException(entry.displayName() + ": its tag \"" + entry.tag() + "\" does not start with"
                        + " the oid of its first large object, as archive version 1.16 requires; the archive is corrupt");
            }
            first = LargeObjectToc.objectFileName(oid);
        }
        String start = first;
        if (file != null) {
            int i = start != null ? memberOrder.indexOf(start) : indexOfFirstObject();
            if (i < 0) {
                throw new ArchiveFormatException(entry.displayName() + ": the tar archive has no member "
                        + (start != null ? start : "blob_<oid>.dat") + (truncation != null ? "; " + truncation : "; the archive is incomplete"));
            }
            int[] next = {i};
            return () -> {
                if (next[0] >= memberOrder.size()) {
                    return null;
                }
                String name = memberOrder.get(next[0]);
                long oid = objectOid(name);
                if (oid == 0) {
                    return null;
                }
                next[0]++;
                long[] member = index.get(name);
                return new LargeObjectFrames.LargeObject(oid, new RangeInputStream(file, member[0], member[1]));
            };
        }
        boolean[] started = {false};
        boolean[] ended = {false};
        return () -> {
            if (ended[0]) {
                return null;
            }
            while (true) {
                TarHeader.Member member;
                try {
                    member = stream.next();
                } catch (ArchiveFormatException e) {
                    throw new ArchiveFormatException(entry.displayName() + ": reading its large objects: " + e.getMessage(), e);
                }
                if (member == null) {
                    if (!started[0]) {
                        throw new ArchiveFormatException(entry.displayName() + ": the tar archive has no member "
                                + (start != null ? start : "blob_<oid>.dat") + " (it ends at offset " + stream.position()
                                + "); the archive is truncated or incomplete");
                    }
                    ended[0] = true;
                    return null;
                }
                passed.add(member.name());
                long oid = objectOid(member.name());
                if (!started[0]) {
                    if (start != null ? member.name().equals(start) : oid != 0) {
                        started[0] = true;
                        return new LargeObjectFrames.LargeObject(oid, stream.data(member));
                    }
                    continue;
                }
                if (oid == 0) {
                    // the blobs table after the objects: read past, as pg_restore does
                    ended[0] = true;
                    return null;
                }
                return new LargeObjectFrames.LargeObject(oid, stream.data(member));
            }
        };
    }

    private int indexOfFirstObject() {
        for (int i = 0; i < memberOrder.size(); i++) {
            if (objectOid(memberOrder.get(i)) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** The oid of a {@code blob_<oid>.dat} member, 0 for any other member (pg_restore's atooid). */
    private static long objectOid(String memberName) {
        return memberName.startsWith("blob_") ? leadingOid(memberName.substring("blob_".length())) : 0;
    }

    /** The number a text starts with, as C's strtoul reads it; 0 when none or out of range. */
    private static long leadingOid(String text) {
        int end = 0;
        while (end < text.length() && end < 11 && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return 0;
        }
        long value = Long.parseLong(text.substring(0, end));
        return value > 0xffffffffL ? 0 : value;
    }

    private InputStream openFromFile(ArchiveEntry entry, String name) throws ArchiveFormatException {
        long[] member = index.get(name);
        if (member == null) {
            throw new ArchiveFormatException(entry.displayName() + ": the tar archive has no member " + name
                    + (truncation != null ? "; " + truncation : "; the archive is incomplete"));
        }
        return new RangeInputStream(file, member[0], member[1]);
    }

    private InputStream openFromStream(ArchiveEntry entry, String name) throws IOException {
        if (passed.contains(name)) {
            throw new ArchiveFormatException(entry.displayName() + ": its member " + name + " was already passed; from a"
                    + " stream (stdin) data must be read in archive order");
        }
        while (true) {
            TarHeader.Member member;
            try {
                member = stream.next();
            } catch (ArchiveFormatException e) {
                throw new ArchiveFormatException(entry.displayName() + ": looking for member " + name + ": " + e.getMessage(), e);
            }
            if (member == null) {
                throw new ArchiveFormatException(entry.displayName() + ": the tar archive has no member " + name
                        + " (it ends at offset " + stream.position() + "); the archive is truncated or incomplete");
            }
            passed.add(member.name());
            if (member.name().equals(name)) {
                return stream.data(member);
            }
        }
    }

    /** Walks the member headers; stops at the end blocks, or where the file is cut short. */
    private void indexMembers() throws IOException {
        long size = file.size();
        long position = 0;
        ByteBuffer block = ByteBuffer.allocate(TarHeader.BLOCK);
        while (true) {
            block.clear();
            while (block.hasRemaining() && file.read(block, position + block.position()) > 0) {
                // keep reading
            }
            if (block.position() == 0) {
                return; // no end blocks: pg_restore does not insist on them either
            }
            if (block.hasRemaining()) {
                truncation = "the tar archive is truncated: it ends inside the header at offset " + position;
                return;
            }
            TarHeader.Member member = TarHeader.parse(block.array(), position);
            if (member == null) {
                return;
            }
            long dataStart = position + TarHeader.BLOCK;
            if (dataStart + member.size() > size) {
                truncation = "the tar archive is truncated: member " + member.name() + " at offset " + position + " holds "
                        + member.size() + " bytes, but the file ends " + (size - dataStart) + " bytes into it";
                return;
            }
            if (index.putIfAbsent(member.name(), new long[] {dataStart, member.size()}) == null) {
                memberOrder.add(member.name());
            }
            position = dataStart + TarHeader.padded(member.size());
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        } else {
            stream.close();
        }
    }

    /** A member's bytes in a file, read at their positions: several may be open at once. */
    private static final class RangeInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeInputStream(FileChannel channel, long start, long length) {
            this.channel = channel;
            this.position = start;
            this.end = start + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new ArchiveFormatException("tar archive is truncated: it ends at offset " + position);
            }
            position += n;
            return n;
        }
    }
}
