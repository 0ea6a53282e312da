package io.tusk.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A libpq password file ({@code ~/.pgpass}): lines {@code hostname:port:database:username:password}, where a
 * field of just {@code *} matches anything and {@code \:} and {@code \\} stand for a colon and a backslash.
 * The first matching line wins; lines starting with {@code #} are comments. As libpq's
 * {@code passwordFromFile}, the file is ignored with a warning when its mode grants the group or others any
 * access, and the host matches literally: {@code localhost} only matches {@code localhost}, not 127.0.0.1.
 */
final class PassFile {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PassFile() {
    }

    /** The password for this connection, if the file exists, is private to its owner and has a matching line. */
    static Optional<String> lookup(Path passFile, String host, int port, String database, String user,
                                   Consumer<String> warnings) {
        List<String> lines;
        try {
            if (!isPrivatePlainFile(passFile, warnings)) {
                return Optional.empty();
            }
            lines = Files.readAllLines(passFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read password file \"" + passFile + "\": " + e.getMessage(), e);
        }
        return match(lines, host, Integer.toString(port), database, user);
    }

    private static boolean isPrivatePlainFile(Path passFile, Consumer<String> warnings) throws IOException {
        if (!passFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.isRegularFile(passFile); // libpq checks permissions only where they exist
        }
        PosixFileAttributes attributes = Files.readAttributes(passFile, PosixFileAttributes.class);
        if (!attributes.isRegularFile()) {
            warnings.accept("password file \"" + passFile + "\" is not a plain file");
            return false;
        }
        if (attributes.permissions().stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            warnings.accept("password file \"" + passFile + "\" has group or world access; permissions should be"
                    + " u=rw (0600) or less");
            return false;
        }
        return true;
    }

    static Optional<String> match(List<String> lines, String host, String port, String database, String user) {
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String rest = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            for (String wanted : new String[] {host, port, database, user}) {
                rest = rest == null ? null : matchField(rest, wanted);
            }
            if (rest != null) {
                return Optional.of(unescapePassword(rest));
            }
        }
        return Optional.empty();
    }

    /** What follows the field and its colon when the field matches {@code wanted}, else null (pwdfMatchesString). */
    private static String matchField(String line, String wanted) {
        if (line.startsWith("*:")) {
            return line.substring(2);
        }
        int w = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean escaped = false;
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
                escaped = true;
            }
            if (c == ':' && !escaped) {
                return w == wanted.length() ? line.substring(i + 1) : null;
            }
            if (w >= wanted.length() || wanted.charAt(w) != c) {
                return null;
            }
            w++;
        }
        return null;
    }

    /** The password runs to the end of the line or to the next unescaped colon. */
    private static String unescapePassword(String rest) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < rest.length() && rest.charAt(i) != ':'; i++) {
            char c = rest.charAt(i);
            if (c == '\\' && i + 1 < rest.length()) {
                c = rest.charAt(++i);
            }
            password.append(c);
        }
        return password.toString();
    }
}
