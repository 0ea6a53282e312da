package io.tusk.archive;

import java.util.List;

/**
 * One entry of an archive's table of contents, the same model as pg_dump's TocEntry.
 *
 * @param dumpId       1-based id, unique in the archive; dependencies refer to it
 * @param desc         the kind, spelled as pg_dump does: "TABLE", "TABLE DATA", "INDEX", "FK CONSTRAINT", "ACL"...
 * @param section      where pg_restore's --section puts it; NONE follows the section of the entry before it
 * @param namespace    schema of the object, or null
 * @param tag          the name pg_restore -l shows ("film", "film_in_stock(integer, integer)", "TABLE film")
 * @param owner        owning role, or null/empty when the object has none
 * @param tablespace   tablespace name, empty for the default, null when not applicable
 * @param tableAm      table access method for tables and matviews ("heap"), otherwise null
 * @param defn         SQL that creates the object (with its trailing newlines), may be empty
 * @param dropStmt     SQL that drops it, may be empty
 * @param copyStmt     for TABLE DATA: the {@code COPY ... FROM stdin;} statement its data follows
 * @param hasData      true when a data stream belongs to this entry (pg_dump's hadDumper)
 * @param tableOid     oid of the catalog holding the object (pg_class, pg_proc ...) as text, "0" if none
 * @param oid          the object's oid as text, "0" if none
 * @param dependencies dump ids this entry must come after
 * @param relkind      pg_class.relkind of tables and table data (archive 1.16), else 0
 */
public record ArchiveEntry(
        int dumpId,
        String desc,
        Section section,
        String namespace,
        String tag,
        String owner,
        String tablespace,
        String tableAm,
        String defn,
        String dropStmt,
        String copyStmt,
        boolean hasData,
        String tableOid,
        String oid,
        List<Integer> dependencies,
        char relkind) {

    public ArchiveEntry {
        dependencies = List.copyOf(dependencies);
    }

    public boolean isData() {
        return "TABLE DATA".equals(desc) || "BLOBS".equals(desc) || "BLOB DATA".equals(desc);
    }

    /** The kind and "schema.tag" (or the bare tag), for messages: {@code TABLE DATA public.film}. */
    public String displayName() {
        return namespace == null || namespace.isEmpty() ? desc + " " + tag : desc + " " + namespace + "." + tag;
    }
}
