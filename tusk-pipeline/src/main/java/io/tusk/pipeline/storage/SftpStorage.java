package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Objects as files under a directory of an SFTP server, over one SSH session. An upload streams to
 * {@code .NAME.RANDOM.partial} beside its target and renames it over the target on commit ({@code posix-rename@openssh.com}
 * where the server has it, which replaces atomically; else remove, then rename), so readers see the old object or
 * the new one; {@link #list(String)} never shows a dot file.
 */
final class SftpStorage implements Storage {
    private static final String PARTIAL_SUFFIX = ".partial";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SftpConnector.Connection connection;
    private final SftpClient sftp;
    private final String root;
    private final String location;

    /** Opens the session and checks that {@code root} is a directory there. */
    SftpStorage(SftpConnector connector, String root, String location) {
        this.root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.location = location;
        this.connection = connector.connect();
        this.sftp = connection.sftp();
        try {
            Attributes a = sftp.stat(this.root);
            if (!a.isDirectory()) {
                throw new TuskException("SFTP storage path " + this.root + " on " + connector.address() + " is not a directory");
            }
        } catch (IOException e) {
            closeQuietly();
            if (isNoSuchFile(e)) {
                throw new TuskException("SFTP storage directory " + this.root + " does not exist on " + connector.address()
                        + ": create it, or check the path in the URL", e);
            }
            throw new TuskException("SFTP storage directory " + this.root + " on " + connector.address() + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public String name() {
        return "sftp";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StorageUpload create(String key) throws IOException {
        String target = resolve(key);
        int slash = target.lastIndexOf('/');
        String dir = target.substring(0, slash);
        createDirectories(dir);
        String partial = dir + "/." + target.substring(slash + 1) + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + PARTIAL_SUFFIX;
        OutputStream remoteSink = sftp.write(partial, OpenMode.Write, OpenMode.Create, OpenMode.Exclusive);
        return new SftpUpload(partial, target, remoteSink);
    }

    @Override
    public InputStream get(String key) throws IOException {
        String path = resolve(key);
        try {
            // opens the remote file at once, so a missing object fails here as the contract says
            return sftp.read(path);
        } catch (IOException e) {
            if (isNoSuchFile(e)) {
                NoSuchFileException missing = new NoSuchFileException(key, null, "no such object in " + location);
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        collect(root, "", prefix, keys);
        keys.sort(null);
        return keys;
    }

    private void collect(String dir, String keyPrefix, String prefix, List<String> keys) throws IOException {
        for (DirEntry entry : sftp.readDir(dir)) {
            String name = entry.getFilename();
            if (name.startsWith(".")) {
                continue;
            }
            String key = keyPrefix + name;
            if (entry.getAttributes().isDirectory()) {
                String sub = key + "/";
                if (sub.startsWith(prefix) || prefix.startsWith(sub)) {
                    collect(dir.endsWith("/") ? dir + name : dir + "/" + name, sub, prefix, keys);
                }
            } else if (entry.getAttributes().isRegularFile() && key.startsWith(prefix)) {
                keys.add(key);
            }
        }
    }

    @Override
    public int removeAbandonedUploads(java.time.Instant olderThan) throws IOException {
        return removePartials(root, olderThan);
    }

    private int removePartials(String dir, java.time.Instant olderThan) throws IOException {
        int removed = 0;
        for (DirEntry entry : sftp.readDir(dir)) {
            String name = entry.getFilename();
            String path = dir.endsWith("/") ? dir + name : dir + "/" + name;
            if (entry.getAttributes().isDirectory() && !name.equals(".") && !name.equals("..")) {
                removed += removePartials(path, olderThan);
            } else if (entry.getAttributes().isRegularFile() && name.startsWith(".") && name.endsWith(PARTIAL_SUFFIX)
                    && entry.getAttributes().getModifyTime().toInstant().isBefore(olderThan)) {
                try {
                    sftp.remove(path);
                    removed++;
                } catch (IOException e) {
                    if (!isNoSuchFile(e)) {
                        throw e;
                    }
                }
            }
        }
        return removed;
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            sftp.remove(resolve(key));
        } catch (IOException e) {
            if (!isNoSuchFile(e)) {
                throw e;
            }
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            Attributes a = sftp.stat(resolve(key));
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(key, a.getSize(), a.getModifyTime().toInstant()));
        } catch (IOException e) {
            if (isNoSuchFile(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    private String resolve(String key) {
        String[] segments = key.split("/", -1);
        boolean valid = !key.isEmpty() && !segments[segments.length - 1].startsWith(".");
        for (String segment : segments) {
            valid &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
        if (!valid) {
            throw new TuskException("invalid object key \"" + key + "\" for storage " + location);
        }
        return (root.equals("/") ? "" : root) + "/" + key;
    }

    /** Creates {@code dir} and its missing parents, up to the root, which exists. */
    private void createDirectories(String dir) throws IOException {
        if (dir.length() <= root.length()) {
            return;
        }
        try {
            if (sftp.stat(dir).isDirectory()) {
                return;
            }
        } catch (IOException e) {
            if (!isNoSuchFile(e)) {
                throw e;
            }
        }
        createDirectories(dir.substring(0, dir.lastIndexOf('/')));
        try {
            sftp.mkdir(dir);
        } catch (IOException e) {
            // another writer may have made it meanwhile
            if (!sftp.stat(dir).isDirectory()) {
                throw e;
            }
        }
    }

    private void replace(String partial, String target) throws IOException {
        OpenSSHPosixRenameExtension posixRename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posixRename != null && posixRename.isSupported()) {
            posixRename.posixRename(partial, target);
            return;
        }
        // SFTP v3's plain rename refuses an existing target; a reader may find no object between these two steps
        try {
            sftp.remove(target);
        } catch (IOException e) {
            if (!isNoSuchFile(e)) {
                throw e;
            }
        }
        sftp.rename(partial, target);
    }

    private static boolean isNoSuchFile(IOException e) {
        return e instanceof SftpException s
                && (s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH);
    }

    private final class SftpUpload extends StorageUpload {
        private final String partial;
        private final String target;
        private final OutputStream remoteSink;
        private long written;
        private boolean finished;

        SftpUpload(String partial, String target, OutputStream remoteSink) {
            this.partial = partial;
            this.target = target;
            this.remoteSink = remoteSink;
        }

        @Override
        public void write(int b) throws IOException {
            remoteSink.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            remoteSink.write(b, off, len);
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
                remoteSink.close();
                replace(partial, target);
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
                remoteSink.close();
            } catch (IOException ignored) {
                // the partial file is removed below all the same
            }
            try {
                sftp.remove(partial);
            } catch (IOException ignored) {
                // a hidden .partial file is never listed; nothing more to do
            }
        }
    }
}
