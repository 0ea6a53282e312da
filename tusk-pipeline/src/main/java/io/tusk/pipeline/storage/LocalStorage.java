package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a directory. An upload writes {@code .NAME.RANDOM.partial} beside its target, forces it
 * to disk, renames it over the target atomically and forces the directory, so a crash leaves either the old object
 * or the new one, plus at worst a hidden partial file that {@link #list(String)} never shows.
 */
final class LocalStorage implements Storage {
    private static final String PARTIAL_SUFFIX = ".partial";
    private final Path root;

    LocalStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public StorageUpload create(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", PARTIAL_SUFFIX);
        return new FileUpload(partial, target);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(resolve(key), BasicFileAttributes.class);
            return Optional.of(new StoredObject(key, a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public int removeAbandonedUploads(java.time.Instant olderThan) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> partials;
        try (Stream<Path> files = Files.walk(root)) {
            partials = files.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(PARTIAL_SUFFIX))
                    .filter(Files::isRegularFile)
                    .toList();
        }
        int removed = 0;
        for (Path p : partials) {
            if (Files.getLastModifiedTime(p).toInstant().isBefore(olderThan) && Files.deleteIfExists(p)) {
                removed++;
            }
        }
        return removed;
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (key.isEmpty() || !p.startsWith(root) || p.equals(root) || p.getFileName().toString().startsWith(".")) {
            throw new TuskException("invalid object key \"" + key + "\" for storage " + location());
        }
        return p;
    }

    private static final class FileUpload extends StorageUpload {
        private final Path partial;
        private final Path target;
        private final FileChannel channel;
        private final OutputStream sink;
        private long written;
        private boolean finished;

        FileUpload(Path partial, Path target) throws IOException {
            this.partial = partial;
            this.target = target;
            this.channel = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.sink = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sink.write(b, off, len);
            written += len;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            try {
                sink.flush();
                channel.force(true);
                channel.close();
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(target.getParent());
                finished = true;
            } finally {
                if (!finished) {
                    abort();
                }
            }
        }

        @Override
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the partial file is removed below all the same
            }
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a hidden .partial file is never listed; nothing more to do
            }
        }

        /** The rename is durable only once the directory entry is on disk (fsync of the directory, as PostgreSQL does). */
        private static void forceDirectory(Path dir) throws IOException {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // some file systems refuse to open a directory for reading; the rename stands, less durably
            }
        }
    }

}
