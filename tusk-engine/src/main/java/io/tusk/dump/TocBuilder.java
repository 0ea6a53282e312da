package io.tusk.dump;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.Section;
import io.tusk.catalog.Catalog;
import io.tusk.catalog.DumpObject;
import io.tusk.catalog.Kind;
import io.tusk.catalog.ObjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Orders the selected objects and numbers them into archive entries: pre-data, data, post-data, each sorted by
 * pg_dump's kind priority and name, then topologically by dependencies (an object moves only as late as its
 * dependencies force it). Comments and privileges follow their object.
 */
final class TocBuilder {
    private final Catalog catalog;
    private final Consumer<String> warnings;
    private final List<ArchiveEntry> entries = new ArrayList<>();
    private final Map<ObjectId, Integer> dumpIds = new HashMap<>();
    private final Map<Integer, DumpObject> objectsByDumpId = new HashMap<>();
    private final boolean noPrivileges;
    private final boolean inserts;

    private final Map<ObjectId, ObjectId> dataOfTable = new HashMap<>();
    private final Map<ObjectId, List<Integer>> dataDumpIds = new HashMap<>();
    private boolean orderDataByForeignKeys;

    TocBuilder(Catalog catalog, boolean noPrivileges, boolean inserts, Consumer<String> warnings) {
        this.catalog = catalog;
        this.noPrivileges = noPrivileges;
        this.inserts = inserts;
        this.warnings = warnings;
    }

    List<ArchiveEntry> entries() {
        return entries;
    }

    /** The object behind a TABLE DATA entry. */
    DumpObject objectOf(ArchiveEntry entry) {
        return objectsByDumpId.get(entry.dumpId());
    }

    /** Entries that are not catalog objects (settings, the database) come first, in the order given. */
    void addFixed(String desc, String tag, String owner, String defn, String dropStmt, String tableOid, String oid) {
        entries.add(new ArchiveEntry(entries.size() + 1, desc, Section.PRE_DATA, null, tag, owner, null, null, defn, dropStmt, "",
                false, tableOid, oid, List.of(), (char) 0));
    }

    void addAttachedToLast(String desc, String tag, String owner, String defn) {
        int parent = entries.get(entries.size() - 1).dumpId();
        entries.add(new ArchiveEntry(entries.size() + 1, desc, Section.NONE, null, tag, owner, null, null, defn, "", "",
                false, "0", "0", List.of(parent), (char) 0));
    }

    /** Data-only dumps load referenced tables first (see {@link #dependenciesOf}). */
    void orderDataByForeignKeys() {
        orderDataByForeignKeys = true;
    }

    void addObjects(List<DumpObject> selected) {
        for (DumpObject o : selected) {
            if (o.kind() == Kind.TABLE_DATA) {
                dataOfTable.put(o.belongsTo(), o.id());
            }
        }
        for (Section section : List.of(Section.PRE_DATA, Section.DATA, Section.POST_DATA)) {
            List<DumpObject> group = new ArrayList<>();
            for (DumpObject o : selected) {
                if (o.section() == section) {
                    group.add(o);
                }
            }
            for (DumpObject o : order(group)) {
                add(o);
            }
        }
    }

    private List<DumpObject> order(List<DumpObject> group) {
        group.sort(Comparator.comparingInt((DumpObject o) -> o.kind().priority())
                .thenComparing(o -> o.namespace() == null ? "" : o.namespace())
                .thenComparing((DumpObject o) -> o.name())
                .thenComparing((DumpObject o) -> o.tag())
                .thenComparingLong(o -> o.id().objOid()));
        Map<ObjectId, Integer> position = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            position.put(group.get(i).id(), i);
        }
        int[] waitingOn = new int[group.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < group.size(); i++) {
            for (ObjectId dep : dependenciesOf(group.get(i))) {
                Integer j = position.get(dep);
                if (j != null && j != i) {
                    waitingOn[i]++;
                    dependents.get(j).add(i);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < group.size(); i++) {
            if (waitingOn[i] == 0) {
                ready.add(i);
            }
        }
        boolean[] done = new boolean[group.size()];
        List<DumpObject> ordered = new ArrayList<>();
        while (ordered.size() < group.size()) {
            if (ready.isEmpty()) {
                // A dependency cycle: release the first object still waiting, as pg_dump does when it cannot split one.
                int first = 0;
                while (done[first]) {
                    first++;
                }
                warnings.accept("could not resolve dependency loop among objects, starting with " + group.get(first));
                waitingOn[first] = 0;
                ready.add(first);
            }
            int i = ready.poll();
            if (done[i]) {
                continue;
            }
            done[i] = true;
            ordered.add(group.get(i));
            for (int d : dependents.get(i)) {
                if (!done[d] && --waitingOn[d] == 0) {
                    ready.add(d);
                }
            }
        }
        return ordered;
    }

    /**
     * Dependencies that decide the order. A data-only dump also loads referenced tables before the tables whose
     * foreign keys point at them, as pg_dump does, since the constraints already exist where it is restored.
     */
    private Set<ObjectId> dependenciesOf(DumpObject o) {
        Set<ObjectId> deps = catalog.dependenciesOf(o);
        if (!orderDataByForeignKeys || o.kind() != Kind.TABLE_DATA) {
            return deps;
        }
        Set<ObjectId> all = new java.util.LinkedHashSet<>(deps);
        for (ObjectId referenced : catalog.referencedTables(o.belongsTo())) {
            ObjectId data = dataOfTable.get(referenced);
            if (data != null && !data.equals(o.id())) {
                all.add(data);
            }
        }
        return all;
    }

    private static final Set<Kind> IN_TABLESPACE = Set.of(Kind.TABLE, Kind.MATERIALIZED_VIEW, Kind.INDEX, Kind.CONSTRAINT);

    private void add(DumpObject o) {
        int dumpId = entries.size() + 1;
        dumpIds.put(o.id(), dumpId);
        objectsByDumpId.put(dumpId, o);
        List<Integer> deps = new ArrayList<>();
        for (ObjectId dep : catalog.dependenciesOf(o)) {
            Integer id = dumpIds.get(dep);
            if (id != null) {
                deps.add(id);
            }
            // Post-data objects also wait for their table's rows (every part of a split table): a parallel pg_restore
            // then builds indexes and keys only once the data is in.
            if (o.section() == Section.POST_DATA) {
                deps.addAll(dataDumpIds.getOrDefault(dep, List.of()));
            }
        }
        if (o.kind() == Kind.TABLE_DATA && o.belongsTo() != null) {
            dataDumpIds.computeIfAbsent(o.belongsTo(), k -> new ArrayList<>()).add(dumpId);
        }
        boolean hasData = (o.kind() == Kind.TABLE_DATA || o.kind() == Kind.BLOBS) && o.data() != null;
        // Large objects' data is SQL (lo_open, lowrite...), like table data with --inserts: no COPY statement.
        String copyStmt = hasData && !inserts && o.kind() == Kind.TABLE_DATA ? o.data().copyStmt() : "";
        String defn = o.defn();
        if (hasData && o.data().rowFilter() != null) {
            // One part of a split table. pg_dump marks the data entries that share a table (its load-via-partition-root
            // entries) with this comment, and pg_restore -j then loads them without truncating the table first.
            defn = "-- load via partition root " + o.data().qualifiedName() + "\n";
        }
        entries.add(new ArchiveEntry(dumpId, o.desc(), o.section(), o.namespace(), o.tag(), o.owner() == null ? "" : o.owner(),
                IN_TABLESPACE.contains(o.kind()) ? "" : null, o.tableAm(), defn, o.dropStmt(), copyStmt, hasData,
                o.id().isSynthetic() ? "0" : Long.toString(o.id().classOid()), o.id().isSynthetic() ? "0" : Long.toString(o.id().objOid()),
                deps, o.relkind()));
        for (DumpObject.Attachment a : o.attachments()) {
            if (noPrivileges && a.desc().equals("ACL")) {
                continue;
            }
            entries.add(new ArchiveEntry(entries.size() + 1, a.desc(), Section.NONE, a.namespace(), a.tag(),
                    a.owner() == null ? "" : a.owner(), null, null, a.defn(), "", "", false, "0", "0", List.of(dumpId), (char) 0));
        }
    }
}
