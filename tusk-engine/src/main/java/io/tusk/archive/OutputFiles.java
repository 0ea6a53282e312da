package io.tusk.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/**
 * Where an output file may be written through a temporary file renamed into place when complete (so a failed run never
 * leaves a file that looks whole), and where it must not: renaming over {@code /dev/null}, a named pipe or another
 * special file would replace it with a regular file.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * True when {@code target} is absent or a regular file (through symlinks): then write a temporary file beside
     * {@link #realTarget} and rename it. False for devices, pipes and sockets, which are written directly.
     */
    public static boolean replaceable(Path target) {
        return !Files.exists(target) || Files.isRegularFile(target);
    }

    /** The file to replace: a symlink's target, so that the link itself survives, as with a direct write. */
    public static Path realTarget(Path target) throws IOException {
        Path path = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(path) && hops < 40; hops++) {
            path = path.getParent().resolve(Files.readSymbolicLink(path)).normalize();
        }
        return Files.exists(path) ? path.toRealPath() : path;
    }

    /**
     * Waits until the file's contents are on disk, as pg_dump does with every file it wrote unless told
     * {@code --no-sync}: a dump that a power cut can still take away is not a backup.
     */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Waits until a directory's entries (a rename into it, the files of a directory archive) are on disk. Some file
     * systems cannot sync a directory; as pg_dump's fsync_fname, that is no error.
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open or sync a directory: the files themselves are synced
        }
    }

    /** Writes a whole output into the stream it is given, which it closes. */
    @FunctionalInterface
    public interface StreamWriter<T> {
        T writeTo(OutputStream sink) throws IOException;
    }

    /**
     * Writes {@code target}: through a temporary file beside it, renamed into place only once {@code writer} has
     * returned, so a failure leaves no file that looks complete; devices and pipes are written directly.
     */
    public static <T> T write(Path target, StreamWriter<T> writer) throws IOException {
        return write(target, true, writer);
    }

    /** As {@link #write(Path, StreamWriter)}; without {@code sync}, the file is renamed without waiting for the disk. */
    public static <T> T write(Path target, boolean sync, StreamWriter<T> writer) throws IOException {
        if (!replaceable(target)) {
            return writer.writeTo(Files.newOutputStream(target));
        }
        Path real = realTarget(target);
        // a dot name beside the target: same file system for the rename, and never mistaken for a finished file
        Path temporary = Files.createTempFile(real.getParent(), "." + real.getFileName() + ".", ".partial");
        try {
            T result = writer.writeTo(Files.newOutputStream(temporary));
            if (sync) {
                sync(temporary);
            }
            Files.move(temporary, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (sync) {
                syncDirectory(real.getParent());
            }
            return result;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
