package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;

/**
 * Objects as files under a directory of an FTP or FTPS server. An upload streams over its own connection to
 * {@code .NAME.RANDOM.partial} beside its target and renames it over the target on commit (removing the target
 * first, since RNTO onto an existing file is refused by some servers), so a reader never sees a partial object under
 * its key; {@link #list(String)} never shows a dot file. Listings, stats and deletes share one connection, opened
 * again after a failure; they, the opening of a download, and small puts are retried on transient failures (4xx
 * replies, reset connections). A large upload is one stream and is not retried: the backup fails and the next
 * run starts over.
 */
final class FtpStorage implements Storage {
    private static final String PARTIAL_SUFFIX = ".partial";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FtpConnector connector;
    private final String root;
    private final String location;
    private final Retry retry;
    private FTPClient control;
    private Boolean machineListing;

    /** Logs in and checks that {@code root} is a directory there. */
    FtpStorage(FtpConnector connector, String root, String location, Retry retry) {
        this.connector = connector;
        this.root = root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.location = location;
        this.retry = retry;
        boolean directory;
        try {
            directory = retry.call(() -> withControl(ftp -> {
                String here = ftp.printWorkingDirectory();
                boolean ok = ftp.changeWorkingDirectory(this.root);
                if (here != null) {
                    ftp.changeWorkingDirectory(here);
                }
                return ok;
            }));
        } catch (IOException e) {
            closeQuietly();
            throw new TuskException("FTP storage directory " + this.root + " on " + connector.address() + " cannot be read: " + e.getMessage(), e);
        }
        if (!directory) {
            closeQuietly();
            throw new TuskException("FTP storage directory " + this.root + " does not exist on " + connector.address()
                    + ": create it, or check the path in the URL");
        }
    }

    @Override
    public String name() {
        return "ftp";
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
        String partial = dir + "/." + target.substring(slash + 1) + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + PARTIAL_SUFFIX;
        FTPClient ftp = retry.call(connector::connect);
        try {
            createDirectories(ftp, dir);
            OutputStream remoteSink = ftp.storeFileStream(partial);
            if (remoteSink == null) {
                throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to store " + partial);
            }
            return new FtpUpload(connector, ftp, partial, target, remoteSink, () -> withControl(other -> other.deleteFile(partial)));
        } catch (IOException | RuntimeException e) {
            FtpConnector.disconnect(ftp);
            throw e;
        }
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        // the bytes are at hand, so the whole upload can be sent again
        retry.run(() -> Storage.super.put(key, content));
    }

    @Override
    public InputStream get(String key) throws IOException {
        String path = resolve(key);
        return retry.call(() -> {
            FTPClient ftp = connector.connect();
            try {
                InputStream remoteSource = ftp.retrieveFileStream(path);
                if (remoteSource == null) {
                    if (ftp.getReplyCode() == FTPReply.FILE_UNAVAILABLE && stat(key).isEmpty()) {
                        throw new NoSuchFileException(key, null, "no such object in " + location);
                    }
                    throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to send " + path);
                }
                return new FtpDownload(ftp, remoteSource, path);
            } catch (IOException | RuntimeException e) {
                FtpConnector.disconnect(ftp);
                throw e;
            }
        });
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return retry.call(() -> withControl(ftp -> {
            List<String> keys = new ArrayList<>();
            collect(ftp, root, "", prefix, keys);
            keys.sort(null);
            return keys;
        }));
    }

    private void collect(FTPClient ftp, String dir, String keyPrefix, String prefix, List<String> keys) throws IOException {
        for (FTPFile entry : listDirectory(ftp, dir)) {
            String name = entry.getName();
            if (name.startsWith(".")) {
                continue;
            }
            String key = keyPrefix + name;
            if (entry.isDirectory()) {
                String sub = key + "/";
                if (sub.startsWith(prefix) || prefix.startsWith(sub)) {
                    collect(ftp, child(dir, name), sub, prefix, keys);
                }
            } else if (entry.isFile() && key.startsWith(prefix)) {
                keys.add(key);
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String path = resolve(key);
        retry.run(() -> withControl(ftp -> {
            if (!ftp.deleteFile(path)) {
                IOException refused = FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to delete " + path);
                // servers refuse to delete a file that is not there with 550 or even 450 (Apache FtpServer): no failure
                if (fileEntry(ftp, path) != null) {
                    throw refused;
                }
            }
            return null;
        }));
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        String path = resolve(key);
        return retry.call(() -> withControl(ftp -> {
            FTPFile f = fileEntry(ftp, path);
            return f == null || !f.isFile() ? Optional.<StoredObject>empty()
                    : Optional.of(new StoredObject(key, f.getSize(), timestamp(f)));
        }));
    }

    @Override
    public int removeAbandonedUploads(Instant olderThan) throws IOException {
        return retry.call(() -> withControl(ftp -> removePartials(ftp, root, olderThan)));
    }

    /**
     * Some servers (Apache FtpServer among them) leave dot files out of MLSD, so hidden files are found with
     * {@code LIST -a}, and their time, which LIST gives only to the minute in the server's zone, is then read by MLST.
     */
    private int removePartials(FTPClient ftp, String dir, Instant olderThan) throws IOException {
        int removed = 0;
        ftp.setListHiddenFiles(true);
        FTPFile[] entries;
        try {
            entries = ftp.listFiles(dir);
        } finally {
            ftp.setListHiddenFiles(false);
        }
        for (FTPFile entry : entries) {
            if (entry == null) {
                continue;
            }
            String name = entry.getName();
            String path = child(dir, name);
            if (entry.isDirectory() && !name.equals(".") && !name.equals("..")) {
                removed += removePartials(ftp, path, olderThan);
            } else if (entry.isFile() && name.startsWith(".") && name.endsWith(PARTIAL_SUFFIX)) {
                FTPFile exact = usesMachineListing(ftp) ? ftp.mlistFile(path) : entry;
                if (exact != null && timestamp(exact).isBefore(olderThan) && ftp.deleteFile(path)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public synchronized void close() {
        if (control != null) {
            quit(control);
            control = null;
        }
    }

    /** QUIT and disconnect; the object is committed or the storage closed already, so a failure here changes nothing. */
    static void quit(FTPClient ftp) {
        try {
            ftp.logout();
        } catch (IOException ignored) {
            // disconnecting anyway
        }
        FtpConnector.disconnect(ftp);
    }

    private void closeQuietly() {
        close();
    }

    interface ControlWork<T> {
        T run(FTPClient ftp) throws IOException;
    }

    /** Runs {@code work} on the shared connection; a broken one is dropped, so a retry connects again. */
    private synchronized <T> T withControl(ControlWork<T> work) throws IOException {
        if (control == null || !control.isConnected()) {
            control = connector.connect();
        }
        try {
            return work.run(control);
        } catch (FTPConnectionClosedException e) {
            FtpConnector.disconnect(control);
            control = null;
            TransientStorageException closed = new TransientStorageException("FTP server " + connector.address() + " closed the connection");
            closed.initCause(e);
            throw closed;
        } catch (IOException e) {
            if (!(e instanceof NoSuchFileException) && !(e instanceof TransientStorageException)) {
                FtpConnector.disconnect(control);
                control = null;
            }
            throw e;
        }
    }

    /** MLSD (RFC 3659) where the server has it, for exact sizes and UTC times; else LIST, parsed by Commons Net. */
    private FTPFile[] listDirectory(FTPClient ftp, String dir) throws IOException {
        FTPFile[] entries = usesMachineListing(ftp) ? ftp.mlistDir(dir) : ftp.listFiles(dir);
        if (!FTPReply.isPositiveCompletion(ftp.getReplyCode()) && !FTPReply.isPositivePreliminary(ftp.getReplyCode())) {
            throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to list " + dir);
        }
        List<FTPFile> valid = new ArrayList<>();
        for (FTPFile f : entries) {
            if (f != null) {
                valid.add(f);
            }
        }
        return valid.toArray(FTPFile[]::new);
    }

    /** The file's entry, or null when there is none. */
    private FTPFile fileEntry(FTPClient ftp, String path) throws IOException {
        if (usesMachineListing(ftp)) {
            FTPFile f = ftp.mlistFile(path);
            // Commons Net answers null for any refusal; servers say "no such file" with 550 or 501 (Apache FtpServer)
            if (f == null && FTPReply.isNegativeTransient(ftp.getReplyCode())) {
                throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to stat " + path);
            }
            return f;
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        for (FTPFile f : ftp.listFiles(path.substring(0, Math.max(slash, 1)))) {
            if (f != null && name.equals(f.getName())) {
                return f;
            }
        }
        return null;
    }

    private boolean usesMachineListing(FTPClient ftp) throws IOException {
        if (machineListing == null) {
            machineListing = ftp.hasFeature("MLST");
        }
        return machineListing;
    }

    private static Instant timestamp(FTPFile f) {
        return f.getTimestamp() == null ? Instant.EPOCH : f.getTimestamp().toInstant();
    }

    private static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
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

    /** Creates {@code dir} and its missing parents below the root, which exists. */
    private void createDirectories(FTPClient ftp, String dir) throws IOException {
        if (dir.length() <= root.length() || ftp.changeWorkingDirectory(dir)) {
            return;
        }
        createDirectories(ftp, dir.substring(0, dir.lastIndexOf('/')));
        // another writer may have made it meanwhile, so a refused MKD counts when the directory is there
        if (!ftp.makeDirectory(dir) && !ftp.changeWorkingDirectory(dir)) {
            throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to create directory " + dir);
        }
    }

    private final class FtpDownload extends FilterInputStream {
        private final FTPClient ftp;
        private boolean closed;

        FtpDownload(FTPClient ftp, InputStream remoteSource, String path) {
            super(remoteSource);
            this.ftp = ftp;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
                ftp.completePendingCommand();
            } finally {
                FtpConnector.disconnect(ftp);
            }
        }
    }
}
