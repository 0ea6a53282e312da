package io.tusk.restore;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.Section;
import io.tusk.archive.TableDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a table of contents into a {@link RestoreTarget} the way pg_restore does: drops first (--clean), then
 * every selected entry in archive order with its owner, then privileges, then materialized view refreshes.
 */
public final class RestoreProcess {
    private static final int SCHEMA = 1;
    private static final int DATA = 2;
    private static final Set<String> SETTINGS = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH");
    private static final Set<String> ATTACHED = Set.of("COMMENT", "ACL", "SECURITY LABEL");
    private static final Set<String> RELATION_KINDS = Set.of("TABLE", "TABLE DATA", "VIEW", "FOREIGN TABLE", "MATERIALIZED VIEW",
            "MATERIALIZED VIEW DATA", "SEQUENCE", "SEQUENCE SET");

    private final List<ArchiveEntry> entries;
    private final RestoreOptions options;
    private final RestoreTarget target;
    private final TableDataSource data;
    private final Map<Integer, Integer> required = new LinkedHashMap<>();
    private final Set<String> failedTables = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<Integer, Section> effectiveSection = new HashMap<>();
    private final Set<String> createdTables = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> dataEntriesPerTable = new HashMap<>();
    /** Dump ids of the archive's entries. */
    private final Set<Integer> archived = new java.util.HashSet<>();
    private Workers workers;
    private String currentTableAm;

    RestoreProcess(List<ArchiveEntry> entries, RestoreOptions options, RestoreTarget target, TableDataSource data) {
        this.entries = orderedByUseList(entries, options);
        this.options = options;
        this.target = target;
        this.data = data;
        decideRequired();
    }

    private static List<ArchiveEntry> orderedByUseList(List<ArchiveEntry> entries, RestoreOptions options) {
        if (options.useList == null) {
            return entries;
        }
        Map<Integer, ArchiveEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.dumpId(), e));
        List<ArchiveEntry> ordered = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            if (SETTINGS.contains(e.desc())) {
                ordered.add(e);
            }
        }
        for (Integer id : options.useList) {
            ArchiveEntry e = byId.get(id);
            if (e != null && !SETTINGS.contains(e.desc())) {
                ordered.add(e);
            }
        }
        return ordered;
    }

    /** Which entries this restore applies, and which of their parts (schema, data). */
    private void decideRequired() {
        entries.forEach(e -> archived.add(e.dumpId()));
        Section current = Section.PRE_DATA;
        for (ArchiveEntry e : entries) {
            if (e.section() != Section.NONE) {
                current = e.section();
            }
            if (e.desc().equals("TABLE DATA")) {
                dataEntriesPerTable.merge(e.namespace() + "." + e.tag(), 1, Integer::sum);
            }
            effectiveSection.put(e.dumpId(), current);
            required.put(e.dumpId(), required(e, current));
        }
    }

    RestoreTarget mainTarget() {
        return target;
    }

    int requiredParts(ArchiveEntry e) {
        return required.get(e.dumpId());
    }

    /** Workers for a parallel restore: new targets on the database being restored. */
    @FunctionalInterface
    interface WorkerTargets {
        RestoreTarget open(String database) throws IOException;
    }

    record Workers(int jobs, WorkerTargets targets, String database) {
    }

    /** Restores data and post-data with several connections (pg_restore -j). */
    RestoreProcess parallel(int jobs, WorkerTargets targets) {
        if (jobs > 1) {
            this.workers = new Workers(jobs, targets, null);
        }
        return this;
    }

    private int required(ArchiveEntry e, Section current) {
        String desc = e.desc();
        if (SETTINGS.contains(desc)) {
            return 0;
        }
        if (options.noPrivileges && (desc.equals("ACL") || desc.equals("DEFAULT ACL"))) {
            return 0;
        }
        boolean aboutDatabase = desc.equals("DATABASE") || desc.equals("DATABASE PROPERTIES")
                || ATTACHED.contains(desc) && e.tag() != null && e.tag().startsWith("DATABASE ");
        if (aboutDatabase) {
            return options.create ? SCHEMA : 0;
        }
        // an extension member's privileges depend on an object the archive does not hold: restored like any entry,
        // as pg_restore's _tocEntryRequired does when it finds no parent entry
        if (ATTACHED.contains(desc) && !e.dependencies().isEmpty() && archived.contains(e.dependencies().get(0))) {
            // Comments and privileges go with the object they belong to.
            int parent = required.getOrDefault(e.dependencies().get(0), 0);
            return parent == 0 ? 0 : (options.dataOnly ? 0 : SCHEMA);
        }
        if (!options.sections.isEmpty() && !options.sections.contains(current)) {
            return 0;
        }
        if (!options.schemas.isEmpty() && (e.namespace() == null || !options.schemas.contains(e.namespace()))) {
            return 0;
        }
        if (e.namespace() != null && options.excludeSchemas.contains(e.namespace())) {
            return 0;
        }
        boolean selectsTypes = !options.tables.isEmpty() || !options.indexes.isEmpty() || !options.functions.isEmpty()
                || !options.triggers.isEmpty();
        if (selectsTypes) {
            boolean wanted;
            if (RELATION_KINDS.contains(desc)) {
                wanted = options.tables.contains(e.tag());
            } else if (desc.equals("INDEX")) {
                wanted = options.indexes.contains(e.tag());
            } else if (desc.equals("FUNCTION") || desc.equals("PROCEDURE") || desc.equals("AGGREGATE")) {
                wanted = options.functions.contains(e.tag());
            } else if (desc.equals("TRIGGER")) {
                String tag = e.tag();
                wanted = options.triggers.contains(tag) || options.triggers.contains(tag.substring(tag.lastIndexOf(' ') + 1));
            } else {
                wanted = false;
            }
            if (!wanted) {
                return 0;
            }
        }
        int parts = e.hasData() || desc.equals("SEQUENCE SET") || desc.equals("MATERIALIZED VIEW DATA") || desc.equals("BLOBS")
                ? DATA : SCHEMA;
        if (options.schemaOnly) {
            parts &= SCHEMA;
        }
        if (options.dataOnly) {
            parts &= DATA;
        }
        return parts;
    }

    /** Runs the restore. Returns the number of errors ignored (0 unless the target goes on past errors). */
    public int run(String serverVersion, String dumperVersion) throws IOException {
        if (options.create && options.singleTransaction) {
            throw new TuskException("-C/--create and -1/--single-transaction cannot be used together");
        }
        target.comment("--\n-- PostgreSQL database dump\n--\n\n");
        if (serverVersion != null) {
            target.comment("-- Dumped from database version " + serverVersion + "\n");
        }
        if (dumperVersion != null) {
            target.comment("-- Dumped by " + dumperVersion + "\n\n");
        }
        setFixedState();
        if (options.singleTransaction) {
            target.beginTransaction();
        }
        if (options.create) {
            createDatabase();
        }
        if (!options.singleTransaction) {
            target.groupCommits(true);
        }
        if (!options.create && options.clean) {
            dropObjects();
        }
        List<ArchiveEntry> afterPreData = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            int parts = required.get(e.dumpId());
            if (parts == 0 || !isMainPass(e) || e.desc().equals("DATABASE") || e.desc().equals("DATABASE PROPERTIES")
                    || aboutDatabase(e)) {
                continue;
            }
            if (workers != null && effectiveSection.get(e.dumpId()) != Section.PRE_DATA) {
                afterPreData.add(e);
            } else {
                restoreEntry(target, e, parts);
            }
        }
        int workerErrors = 0;
        if (!afterPreData.isEmpty()) {
            target.groupCommits(false);
            workerErrors = new ParallelRestore(this, afterPreData, entries, workers, options.stopOnFirstError(), options.splitLoadBytes).run();
            target.groupCommits(!options.singleTransaction);
        }
        for (ArchiveEntry e : entries) {
            if (required.get(e.dumpId()) != 0 && isAclPass(e) && !aboutDatabase(e)) {
                ArchiveEntry group = LargeObjectMetadata.isGroupAcl(e) && !e.dependencies().isEmpty() ? byId(e.dependencies().get(0)) : null;
                printEntry(target, e, group != null ? LargeObjectMetadata.aclPerObject(e, group) : e.defn());
            }
        }
        for (ArchiveEntry e : entries) {
            if (required.get(e.dumpId()) != 0 && isPostAclPass(e)) {
                printEntry(target, e, e.defn());
            }
        }
        target.groupCommits(false);
        if (options.singleTransaction) {
            target.commit();
        }
        target.comment("--\n-- PostgreSQL database dump complete\n--\n\n");
        return target.errorCount() + workerErrors;
    }

    private boolean aboutDatabase(ArchiveEntry e) {
        return ATTACHED.contains(e.desc()) && e.tag() != null && e.tag().startsWith("DATABASE ");
    }

    private boolean isAclPass(ArchiveEntry e) {
        return e.desc().equals("ACL") || e.desc().equals("DEFAULT ACL");
    }

    private boolean isPostAclPass(ArchiveEntry e) {
        if (e.desc().equals("MATERIALIZED VIEW DATA") || e.desc().equals("EVENT TRIGGER")) {
            return true;
        }
        if (e.desc().equals("COMMENT") && !e.dependencies().isEmpty()) {
            ArchiveEntry parent = byId(e.dependencies().get(0));
            return parent != null && (parent.desc().equals("EVENT TRIGGER") || parent.desc().equals("MATERIALIZED VIEW DATA"));
        }
        return false;
    }

    private boolean isMainPass(ArchiveEntry e) {
        return !isAclPass(e) && !isPostAclPass(e);
    }

    private ArchiveEntry byId(int dumpId) {
        for (ArchiveEntry e : entries) {
            if (e.dumpId() == dumpId) {
                return e;
            }
        }
        return null;
    }

    private void setFixedState() throws IOException {
        setFixedState(target);
    }

    /** The session settings pg_restore starts every connection with. */
    void setFixedState(RestoreTarget target) throws IOException {
        target.tuneSession();
        String encoding = "UTF8";
        String searchPath = "SELECT pg_catalog.set_config('search_path', '', false);\n";
        for (ArchiveEntry e : entries) {
            if (e.desc().equals("ENCODING")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'").matcher(e.defn());
                if (m.find()) {
                    encoding = m.group(1);
                }
            } else if (e.desc().equals("SEARCHPATH") && !e.defn().isBlank()) {
                searchPath = e.defn();
            }
        }
        target.execute(null, "SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;\n"
                + "SET client_encoding = '" + encoding + "';\nSET standard_conforming_strings = on;\n" + searchPath
                + "SET check_function_bodies = false;\nSET xmloption = content;\nSET client_min_messages = warning;\nSET row_security = off;\n");
        target.comment("\n");
        if (target == this.target) {
            currentTableAm = null;
        }
    }

    private void createDatabase() throws IOException {
        for (ArchiveEntry e : entries) {
            if (!e.desc().equals("DATABASE")) {
                continue;
            }
            String name = e.tag();
            header(target, e);
            List<String> statements = new ArrayList<>();
            if (options.clean) {
                statements.add("DROP DATABASE " + (options.ifExists ? "IF EXISTS " : "") + io.tusk.catalog.Sql.ident(name) + ";\n");
            }
            statements.add(e.defn());
            if (!target.executeEach(e, statements) && options.stopOnFirstError()) {
                return;
            }
            String owner = OwnerStatement.of(e);
            if (owner != null && !options.noOwner) {
                target.execute(e, owner);
            }
            target.connect(name);
            setFixedState();
            for (ArchiveEntry p : entries) {
                if ((p.desc().equals("DATABASE PROPERTIES") || aboutDatabase(p)) && required.get(p.dumpId()) != 0) {
                    printEntry(target, p, p.defn());
                }
            }
            return;
        }
    }

    private void dropObjects() throws IOException {
        for (int i = entries.size() - 1; i >= 0; i--) {
            ArchiveEntry e = entries.get(i);
            // An entry that creates nothing (the public schema) is not dropped either.
            if (required.get(e.dumpId()) == 0 || e.dropStmt() == null || e.dropStmt().isEmpty() || e.desc().equals("DATABASE")
                    || e.defn() == null || e.defn().isEmpty()) {
                continue;
            }
            if (e.desc().equals(LargeObjectMetadata.DESC)) {
                target.execute(e, LargeObjectMetadata.drop(e, options.ifExists));
                continue;
            }
            target.execute(e, options.ifExists ? DropStatement.ifExists(e) : e.dropStmt());
        }
    }

    void restoreEntry(RestoreTarget target, ArchiveEntry e, int parts) throws IOException {
        restoreEntry(target, e, parts, List.of());
    }

    /** About how many archive bytes the entry's data takes; 0 when unknown. */
    long dataSize(ArchiveEntry e) {
        return data.sizeHint(e);
    }

    /** As {@link #restoreEntry(RestoreTarget, ArchiveEntry, int)}, loading COPY rows over the helpers too. */
    void restoreEntry(RestoreTarget target, ArchiveEntry e, int parts, List<RestoreTarget> helpers) throws IOException {
        if ((parts & SCHEMA) != 0) {
            if (e.tableAm() != null && !e.tableAm().isEmpty() && !e.tableAm().equals(currentTableAm)) {
                target.execute(null, "SET default_table_access_method = " + io.tusk.catalog.Sql.ident(e.tableAm()) + ";\n");
                target.comment("\n");
                currentTableAm = e.tableAm();
            }
            boolean ok = printEntry(target, e, e.desc().equals(LargeObjectMetadata.DESC) ? LargeObjectMetadata.creation(e) : e.defn());
            if (!ok && e.desc().equals("TABLE")) {
                failedTables.add(e.namespace() + "." + e.tag());
            }
            if (ok && e.desc().equals("TABLE")) {
                createdTables.add(e.namespace() + "." + e.tag());
            }
            String owner = OwnerStatement.of(e);
            if (owner != null && !options.noOwner && ok) {
                target.execute(e, owner);
                target.comment("\n");
            }
        }
        if ((parts & DATA) != 0) {
            restoreData(target, e, helpers);
        }
    }

    private void restoreData(RestoreTarget target, ArchiveEntry e, List<RestoreTarget> helpers) throws IOException {
        if (!e.hasData()) {
            printEntry(target, e, e.defn());
            return;
        }
        if (options.noDataForFailedTables && failedTables.contains(e.namespace() + "." + e.tag())) {
            target.comment("-- table data of " + e.tag() + " skipped: its table could not be created\n");
            return;
        }
        header(target, e);
        String table = io.tusk.catalog.Sql.qualified(e.namespace(), e.tag());
        boolean disable = options.disableTriggers && options.dataOnly && e.desc().equals("TABLE DATA");
        if (disable) {
            target.execute(e, "ALTER TABLE " + table + " DISABLE TRIGGER ALL;\n\n");
        }
        if (e.copyStmt() != null && !e.copyStmt().isEmpty()) {
            RestoreTarget.DataWriter rows = sink -> data.copyOut(e, sink);
            if (!helpers.isEmpty() && target instanceof DatabaseTarget database
                    && helpers.stream().allMatch(DatabaseTarget.class::isInstance)) {
                database.copySplit(e, e.copyStmt(), rows, helpers.stream().map(DatabaseTarget.class::cast).toList());
            } else {
                target.copy(e, e.copyStmt(), rows, intoNewTable(e));
            }
        } else {
            // A large object descriptor lives only as long as its transaction, as in pg_restore's StartRestoreLOs.
            boolean oneTransaction = e.desc().equals("BLOBS") && !options.singleTransaction;
            target.executeStream(e, sink -> {
                if (!LargeObjectFrames.isLargeObjects(e)) {
                    data.copyOut(e, sink);
                    return;
                }
                try (OutputStream frames = LargeObjectFrames.decoding(new LargeObjectStatements(sink))) {
                    data.copyOut(e, frames);
                }
            }, oneTransaction);
        }
        if (disable) {
            target.execute(e, "ALTER TABLE " + table + " ENABLE TRIGGER ALL;\n\n");
        }
    }

    /** The table was created by this restore and this entry is all its data (not one part of a split table). */
    private boolean intoNewTable(ArchiveEntry e) {
        String key = e.namespace() + "." + e.tag();
        return createdTables.contains(key) && dataEntriesPerTable.getOrDefault(key, 0) == 1
                && (e.defn() == null || !e.defn().startsWith("-- load via partition root"));
    }

    private boolean printEntry(RestoreTarget target, ArchiveEntry e, String sql) throws IOException {
        header(target, e);
        if (sql == null || sql.isEmpty()) {
            return true;
        }
        boolean ok = target.execute(e, sql);
        target.comment("\n");
        return ok;
    }

    private void header(RestoreTarget target, ArchiveEntry e) throws IOException {
        String kind = e.hasData() ? "Data for " : "";
        target.comment("--\n-- " + kind + "Name: " + e.tag() + "; Type: " + e.desc() + "; Schema: "
                + (e.namespace() == null ? "-" : e.namespace()) + "; Owner: " + (e.owner() == null || e.owner().isEmpty() ? "-" : e.owner())
                + "\n--\n\n");
    }

    /** The entries a restore with these options applies, in restore order (as pg_restore -l, without the settings). */
    List<ArchiveEntry> selectedEntries() {
        List<ArchiveEntry> selected = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            if (required.get(e.dumpId()) != 0) {
                selected.add(e);
            }
        }
        return selected;
    }

    /** What pg_restore -l prints for these entries. */
    static String list(List<ArchiveEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (ArchiveEntry e : entries) {
            out.append(e.dumpId()).append("; ").append(e.tableOid()).append(' ').append(e.oid()).append(' ').append(e.desc()).append(' ')
                    .append(e.namespace() == null ? "-" : e.namespace()).append(' ').append(e.tag()).append(' ')
                    .append(e.owner() == null || e.owner().isEmpty() ? "" : e.owner()).append('\n');
        }
        return out.toString();
    }
}
