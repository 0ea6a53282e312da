package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pg_dump 17 (archive 1.16) groups large objects of one owner and privileges into a "BLOB METADATA" entry whose
 * definition is their oids, one per line, with one owner and one "ACL" entry tagged "LARGE OBJECTS first..last" for
 * the group. pg_restore issues lo_create, lo_unlink (--clean), the owner and each privilege command per object of the
 * group (IssueCommandPerBlob in pg_backup_db.c, _printTocEntry in pg_backup_archiver.c); so does this.
 */
final class LargeObjectMetadata {
    static final String DESC = "BLOB METADATA";
    /** A privilege command's large object: the first half ends with it, digits follow (IssueACLPerBlob). */
    private static final Pattern OBJECT = Pattern.compile("LARGE OBJECT \\d+");

    private LargeObjectMetadata() {
    }

    /** The oids of a BLOB METADATA entry, in order: its definition's lines, each ended by a newline. */
    static List<String> oids(ArchiveEntry metadata) {
        List<String> oids = new ArrayList<>();
        String defn = metadata.defn() == null ? "" : metadata.defn();
        int start = 0;
        for (int end; (end = defn.indexOf('\n', start)) >= 0; start = end + 1) {
            oids.add(defn.substring(start, end));
        }
        return oids;
    }

    /** What pg_restore runs for a BLOB METADATA entry: lo_create per object. */
    static String creation(ArchiveEntry metadata) {
        return perObject(metadata, "SELECT pg_catalog.lo_create('", "')");
    }

    /** What pg_restore --clean runs for it, with or without --if-exists. */
    static String drop(ArchiveEntry metadata, boolean ifExists) {
        return ifExists ? perObject(metadata, "SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata WHERE oid = '", "'")
                : perObject(metadata, "SELECT pg_catalog.lo_unlink('", "')");
    }

    /** {@code before + oid + after + ";\n"} per object of the group. */
    static String perObject(ArchiveEntry metadata, String before, String after) {
        StringBuilder sql = new StringBuilder();
        for (String oid : oids(metadata)) {
            sql.append(before).append(oid).append(after).append(";\n");
        }
        return sql.toString();
    }

    /** Whether an ACL entry is a group's, to be applied per object. */
    static boolean isGroupAcl(ArchiveEntry e) {
        return "ACL".equals(e.desc()) && e.tag() != null && e.tag().startsWith("LARGE OBJECTS ");
    }

    /**
     * Each command of a group's privileges (GRANT ... ON LARGE OBJECT first TO ...;), once per object of the group.
     * Role names are quoted identifiers at most, so semicolons end commands as pg_restore assumes.
     */
    static String aclPerObject(ArchiveEntry acl, ArchiveEntry metadata) {
        StringBuilder sql = new StringBuilder();
        for (String command : acl.defn().split(";")) {
            String trimmed = command.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher m = OBJECT.matcher(trimmed);
            if (!m.find()) {
                sql.append(trimmed).append(";\n");
                continue;
            }
            sql.append(perObject(metadata, trimmed.substring(0, m.start()) + "LARGE OBJECT ", trimmed.substring(m.end())));
        }
        return sql.toString();
    }
}
