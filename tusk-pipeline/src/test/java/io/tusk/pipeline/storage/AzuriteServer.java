package io.tusk.pipeline.storage;

import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's Blob service ({@code npm install -g azurite}) as a child process on a free loopback port, keeping its
 * data in {@code location}, with Azurite's well-known development account.
 */
public final class AzuriteServer implements AutoCloseable {
    /** The version .ci/run installs. */
    public static final String VERSION = "3.37.0";
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's published development key, the same in every installation; not a secret. */
    public static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;
    private final Path location;

    private AzuriteServer(Process process, int port, Path location) {
        this.process = process;
        this.port = port;
        this.location = location;
    }

    public static AzuriteServer start(Path location) throws Exception {
        return start(location, FtpTestServer.freePort());
    }

    /** Starts Azurite, failing (never skipping) with the install command when it is not installed. */
    public static AzuriteServer start(Path location, int port) throws Exception {
        Path executable = find("azurite-blob");
        if (executable == null) {
            throw new AssertionError("azurite-blob is not on the PATH: install Azurite with `npm install -g azurite@" + VERSION
                    + "` (the Azure Blob storage tests need it; .ci/run installs it)");
        }
        Path log = Files.createTempFile(location.getParent(), "azurite", ".log");
        Process process = new ProcessBuilder(executable.toString(), "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                "--location", location.toString(), "--silent", "--skipApiVersionCheck", "--loose",
                // without it Azurite sends telemetry, and waits up to two minutes on exit to flush it
                "--disableTelemetry")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError("Azurite did not start on port " + port + ": " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        return new AzuriteServer(process, port, location);
    }

    private static Path find(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    /** Creates a container (a fresh name per test keeps tests apart). */
    public void createContainer(String name) {
        new BlobContainerClientBuilder().endpoint(endpoint()).containerName(name)
                .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)).buildClient().createIfNotExists();
    }

    /** A SAS token for the container, valid for an hour, that may read, write, delete and list. */
    public String containerSas(String container) {
        var client = new BlobContainerClientBuilder().endpoint(endpoint()).containerName(container)
                .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)).buildClient();
        var permissions = new com.azure.storage.blob.sas.BlobContainerSasPermission()
                .setReadPermission(true).setWritePermission(true).setCreatePermission(true).setDeletePermission(true).setListPermission(true);
        return client.generateSas(new com.azure.storage.blob.sas.BlobServiceSasSignatureValues(
                java.time.OffsetDateTime.now().plusHours(1), permissions));
    }

    /** A storage URL for {@code prefix} in {@code container}, with the account key in the URL. */
    public String url(String container, String prefix) {
        return "azure://" + ACCOUNT + "/" + container + "/" + prefix + "?endpoint=" + endpoint() + "&accountKey="
                + java.net.URLEncoder.encode(ACCOUNT_KEY, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Stops Azurite as a signal would (it saves its data and exits), waiting for it to be gone. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
