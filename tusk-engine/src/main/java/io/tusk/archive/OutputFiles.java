package io.tusk.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
