package io.tusk.server;

import io.tusk.TuskException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The server's directory: the H2 metadata database, the master key, the node id. Held under an exclusive file lock
 * for the server's lifetime, so a second {@code tusk serve} on the same directory refuses to start instead of
 * fighting over the same files.
 */
public final class DataDirectory implements AutoCloseable {
    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String nodeId;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock, String nodeId) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.nodeId = nodeId;
    }

    public static DataDirectory open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new TuskException("cannot create the data directory " + root + ": " + e.getMessage()
                    + "; choose another with --data-dir", e);
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(root.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null;
            }
        } catch (IOException e) {
            throw new TuskException("cannot lock the data directory " + root + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the refusal below is what matters
            }
            throw new TuskException("another tusk serve is already using the data directory " + root
                    + ": stop it first, or give this one its own --data-dir");
        }
        try {
            return new DataDirectory(root, channel, lock, nodeId(root));
        } catch (IOException e) {
            throw new TuskException("cannot read the node id in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Stable across restarts, so a restarted server can recognise the runs it left unfinished. */
    private static String nodeId(Path root) throws IOException {
        Path file = root.resolve("node-id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = "tusk-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    public Path root() {
        return root;
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the process is stopping; the OS drops the lock anyway
        }
    }
}
