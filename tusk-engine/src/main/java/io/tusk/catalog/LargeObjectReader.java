package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_LARGEOBJECT_METADATA;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Large objects as pg_dump 12-16 write them: a pre-data BLOB entry per object (lo_create, owner, privileges,
 * comment) and one BLOBS data entry whose data stream writes the contents (see the dumper's large object copier).
 */
final class LargeObjectReader {
    private LargeObjectReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT l.oid, pg_catalog.pg_get_userbyid(l.lomowner) AS owner, " + Acl.exploded("l.lomacl") + " AS acl"
                + " FROM pg_catalog.pg_largeobject_metadata l ORDER BY l.oid", rs -> {
            long oid = rs.getLong("oid");
            String name = Long.toString(oid);
            String owner = rs.getString("owner");
            DumpObject blob = new DumpObject(new ObjectId(PG_LARGEOBJECT_METADATA, oid), Kind.BLOB, null, name).owner(owner)
                    .defn("SELECT pg_catalog.lo_create('" + oid + "');\n").dropStmt("SELECT pg_catalog.lo_unlink('" + oid + "');\n");
            ctx.attachComment(blob, PG_LARGEOBJECT_METADATA, oid, 0, "LARGE OBJECT " + oid);
            String grants = Acl.statements("LARGE OBJECT " + oid, Sql.ident(owner), CatalogContext.stringArray(rs, "acl"), null);
            if (!grants.isEmpty()) {
                blob.attach("ACL", "LARGE OBJECT " + oid, grants);
            }
            out.add(blob);
        });
        if (!out.isEmpty()) {
            // The data is large object frames (io.tusk.archive.LargeObjectFrames), no COPY statement. pg_dump 17
            // (archive 1.16) tags each BLOBS entry with its oid range, and pg_restore 17+ reads a tar archive's
            // objects from the member of the tag's first oid on (_LoadLOs, pg_backup_tar.c): one entry covering
            // every object is tagged with the whole range.
            String tag = "BLOBS";
            if (ctx.atLeast(17)) {
                String first = out.get(0).name();
                String last = out.get(out.size() - 1).name();
                tag = first.equals(last) ? first : first + ".." + last;
            }
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.BLOBS, null, tag)
                    .data(new DumpObject.TableData("", "", "SELECT l.oid FROM pg_catalog.pg_largeobject_metadata l ORDER BY l.oid")));
        }
        return out;
    }
}
