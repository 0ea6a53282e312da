package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;
import io.tusk.catalog.Sql;
import java.util.Set;

/** The ALTER ... OWNER TO statement pg_restore derives from an entry's kind, name and drop statement. */
final class OwnerStatement {
    private static final Set<String> TABLE_LIKE = Set.of("TABLE", "VIEW", "SEQUENCE", "MATERIALIZED VIEW", "FOREIGN TABLE");
    private static final Set<String> PLAIN = Set.of("COLLATION", "CONVERSION", "DATABASE", "DOMAIN", "SCHEMA", "TYPE",
            "TEXT SEARCH DICTIONARY", "TEXT SEARCH CONFIGURATION", "STATISTICS", "PUBLICATION", "SUBSCRIPTION", "EVENT TRIGGER",
            "FOREIGN DATA WRAPPER", "SERVER", "PROCEDURAL LANGUAGE");
    private static final Set<String> FROM_DROP = Set.of("FUNCTION", "PROCEDURE", "AGGREGATE", "OPERATOR", "OPERATOR CLASS",
            "OPERATOR FAMILY");

    private OwnerStatement() {
    }

    /** The statement, or null when the entry has no owner to set. */
    static String of(ArchiveEntry e) {
        if (e.owner() == null || e.owner().isEmpty() || e.dropStmt() == null || e.dropStmt().isEmpty()) {
            return null;
        }
        String owner = Sql.ident(e.owner());
        String desc = e.desc();
        if (TABLE_LIKE.contains(desc)) {
            return "ALTER TABLE " + Sql.qualified(e.namespace(), e.tag()) + " OWNER TO " + owner + ";\n";
        }
        if (PLAIN.contains(desc)) {
            return "ALTER " + desc + " " + Sql.qualified(e.namespace(), e.tag()) + " OWNER TO " + owner + ";\n";
        }
        // pg_dump 12-16 call a large object's entry "BLOB"; pg_restore names it LARGE OBJECT.
        if (desc.equals(LargeObjectMetadata.DESC)) {
            return LargeObjectMetadata.perObject(e, "ALTER LARGE OBJECT ", " OWNER TO " + owner);
        }
        if (desc.equals("LARGE OBJECT") || desc.equals("BLOB")) {
            return "ALTER LARGE OBJECT " + e.tag() + " OWNER TO " + owner + ";\n";
        }
        if (FROM_DROP.contains(desc)) {
            String drop = e.dropStmt().strip();
            if (!drop.startsWith("DROP ") || !drop.endsWith(";")) {
                return null;
            }
            String object = drop.substring("DROP ".length(), drop.length() - 1);
            return "ALTER " + object + " OWNER TO " + owner + ";\n";
        }
        return null;
    }
}
