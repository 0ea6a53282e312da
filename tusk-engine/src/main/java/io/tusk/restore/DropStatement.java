package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;

/** pg_restore --if-exists: the entry's DROP with IF EXISTS put where the statement's syntax wants it. */
final class DropStatement {
    private DropStatement() {
    }

    static String ifExists(ArchiveEntry e) {
        String drop = e.dropStmt();
        if (drop.contains(" IF EXISTS ")) {
            return drop;
        }
        if (drop.startsWith("ALTER TABLE ")) {
            String s = "ALTER TABLE IF EXISTS " + drop.substring("ALTER TABLE ".length());
            return s.replaceFirst(" DROP CONSTRAINT ", " DROP CONSTRAINT IF EXISTS ").replaceFirst(" DROP DEFAULT", " DROP DEFAULT");
        }
        String prefix = "DROP " + e.desc() + " ";
        if (drop.startsWith(prefix)) {
            return prefix + "IF EXISTS " + drop.substring(prefix.length());
        }
        int space = drop.indexOf(' ', "DROP ".length());
        return space < 0 ? drop : drop.substring(0, space) + " IF EXISTS" + drop.substring(space);
    }
}
