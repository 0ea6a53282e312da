package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * What one timed run works on: the server, the data set's database, and the directory for archives.
 * Archives keep their name across rounds, so each round's restores read the archive this round's dump wrote.
 */
record Trial(EmbeddedPostgres pg, String database, Path workDir) {
    Path archive(String slug) {
        return workDir.resolve(database + "-" + slug + ".dump");
    }

    /** The database restores go into; dropped and re-created around every restore. */
    String restoreTarget() {
        return database + "_restored";
    }
}
