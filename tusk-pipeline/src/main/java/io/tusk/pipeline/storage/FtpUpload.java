package io.tusk.pipeline.storage;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.net.ftp.FTPClient;

/**
 * One upload of {@link FtpStorage}, on a connection of its own: STOR to the hidden partial file, then, on close, the
 * transfer's completion reply and a rename onto the target. Abort deletes the partial file, through the storage's
 * shared connection when the upload's own one is broken.
 */
final class FtpUpload extends StorageUpload {
    /** Deletes the partial file over another connection. */
    interface Fallback {
        Object deletePartial() throws IOException;
    }

    private final FtpConnector connector;
    private final FTPClient ftp;
    private final String partial;
    private final String target;
    private final OutputStream remoteSink;
    private final Fallback fallback;
    private long written;
    private boolean finished;

    FtpUpload(FtpConnector connector, FTPClient ftp, String partial, String target, OutputStream remoteSink, Fallback fallback) {
        this.connector = connector;
        this.ftp = ftp;
        this.partial = partial;
        this.target = target;
        this.remoteSink = remoteSink;
        this.fallback = fallback;
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
            if (!ftp.completePendingCommand()) {
                throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " did not store " + partial + " completely");
            }
            if (!ftp.rename(partial, target)) {
                // some servers refuse to rename onto an existing file; a reader may find no object between these two steps
                ftp.deleteFile(target);
                if (!ftp.rename(partial, target)) {
                    throw FtpConnector.reply(ftp, "FTP server " + connector.address() + " refused to rename " + partial + " to " + target);
                }
            }
            finished = true;
            FtpStorage.quit(ftp);
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
            ftp.completePendingCommand();
            ftp.deleteFile(partial);
        } catch (IOException | RuntimeException e) {
            // the upload's connection is broken: try the shared one; a hidden .partial file is never listed,
            // and the next backup removes it once it is old (removeAbandonedUploads)
            try {
                fallback.deletePartial();
            } catch (IOException | RuntimeException ignored) {
                // nothing more to do
            }
        } finally {
            FtpConnector.disconnect(ftp);
        }
    }
}
