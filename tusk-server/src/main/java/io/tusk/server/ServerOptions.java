package io.tusk.server;

import java.nio.file.Path;

/**
 * How {@code tusk serve} runs.
 *
 * @param metadataUrl a PostgreSQL JDBC URL for the server's own state, shared by several servers; null for the
 *                    embedded H2 file database under {@code dataDir}
 * @param maxConcurrentRuns backups and restores running at once on this server (the global limit)
 */
public record ServerOptions(int port, Path dataDir, String metadataUrl, String metadataUser, String metadataPassword,
                            int maxConcurrentRuns, boolean demo) {
    public static final int DEFAULT_PORT = 4005;

    public static ServerOptions defaults(Path dataDir) {
        return new ServerOptions(DEFAULT_PORT, dataDir, null, null, null, 2, false);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(newPort, dataDir, metadataUrl, metadataUser, metadataPassword, maxConcurrentRuns, demo);
    }

    public ServerOptions withMetadata(String url, String user, String password) {
        return new ServerOptions(port, dataDir, url, user, password, maxConcurrentRuns, demo);
    }
}
