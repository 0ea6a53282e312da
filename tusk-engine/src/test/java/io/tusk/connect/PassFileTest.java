package io.tusk.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassFileTest {
    @TempDir
    Path dir;

    @Test
    void firstMatchingLineWinsAndCommentsAreSkipped() {
        List<String> lines = List.of(
                "# localhost:5432:shop:bob:commented",
                "otherhost:5432:shop:bob:wrong-host",
                "localhost:5432:shop:bob:first",
                "localhost:5432:shop:bob:second");
        assertThat(PassFile.match(lines, "localhost", "5432", "shop", "bob")).contains("first");
    }

    @Test
    void starMatchesAnyValueButOnlyAsAWholeField() {
        List<String> lines = List.of("db*:5432:*:bob:prefix", "*:*:*:bob:any");
        assertThat(PassFile.match(lines, "db1", "6432", "shop", "bob")).contains("any");
        assertThat(PassFile.match(lines, "db*", "5432", "x", "bob")).contains("prefix");
        assertThat(PassFile.match(lines, "h", "1", "d", "alice")).isEmpty();
    }

    @Test
    void backslashEscapesColonAndBackslashInFieldsAndPassword() {
        List<String> lines = List.of("::1:5432:we\\:ird\\\\db:bob:pa\\:ss\\\\word:ignored", "\\:\\:1:5432:db:bob:v6");
        assertThat(PassFile.match(lines, "::1", "5432", "we:ird\\db", "bob")).isEmpty();
        assertThat(PassFile.match(List.of(lines.get(0).replaceFirst("::1", "h")), "h", "5432", "we:ird\\db", "bob"))
                .contains("pa:ss\\word");
        assertThat(PassFile.match(lines, "::1", "5432", "db", "bob")).contains("v6");
    }

    @Test
    void localhostMatchesOnlyTheNameLocalhost() {
        List<String> lines = List.of("localhost:5432:*:bob:by-name");
        assertThat(PassFile.match(lines, "localhost", "5432", "shop", "bob")).contains("by-name");
        assertThat(PassFile.match(lines, "127.0.0.1", "5432", "shop", "bob")).isEmpty();
    }

    @Test
    void fieldsMustMatchWholly() {
        List<String> lines = List.of("host:5432:shop:bob:pw");
        assertThat(PassFile.match(lines, "hos", "5432", "shop", "bob")).isEmpty();
        assertThat(PassFile.match(lines, "host", "54321", "shop", "bob")).isEmpty();
        assertThat(PassFile.match(List.of("host:5432:shop"), "host", "5432", "shop", "bob")).isEmpty();
    }

    @Test
    void privateFileIsReadAndCarriageReturnsDropped() throws IOException {
        Path file = write("h:5432:shop:bob:secret\r\n", "rw-------");
        List<String> warnings = new ArrayList<>();
        assertThat(PassFile.lookup(file, "h", 5432, "shop", "bob", warnings::add)).contains("secret");
        assertThat(warnings).isEmpty();
    }

    @Test
    void fileOthersCanReadIsIgnoredWithAWarning() throws IOException {
        Path file = write("*:*:*:*:secret\n", "rw-r--r--");
        List<String> warnings = new ArrayList<>();
        assertThat(PassFile.lookup(file, "h", 5432, "shop", "bob", warnings::add)).isEmpty();
        assertThat(warnings).containsExactly("password file \"" + file + "\" has group or world access;"
                + " permissions should be u=rw (0600) or less");
    }

    @Test
    void missingFileIsNoPasswordAndNoWarning() {
        List<String> warnings = new ArrayList<>();
        assertThat(PassFile.lookup(dir.resolve("absent"), "h", 5432, "shop", "bob", warnings::add)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void directoryIsIgnoredWithAWarning() {
        List<String> warnings = new ArrayList<>();
        assertThat(PassFile.lookup(dir, "h", 5432, "shop", "bob", warnings::add)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("is not a plain file");
    }

    private Path write(String content, String permissions) throws IOException {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
