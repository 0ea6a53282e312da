package io.tusk.restore;

import io.tusk.archive.Section;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** pg_restore's options (and the ones pg_dump applies when it writes a plain script). Defaults are pg_restore's. */
public final class RestoreOptions {
    public boolean schemaOnly;
    public boolean dataOnly;
    public boolean clean;
    public boolean ifExists;
    public boolean create;
    public boolean noOwner;
    public boolean noPrivileges;
    public boolean singleTransaction;
    public boolean exitOnError;
    public boolean disableTriggers;
    public boolean noDataForFailedTables;
    /** Exact names, as pg_restore -t takes them (tables, views, sequences and their data). */
    public final List<String> tables = new ArrayList<>();
    public final List<String> schemas = new ArrayList<>();
    public final List<String> excludeSchemas = new ArrayList<>();
    public final List<String> indexes = new ArrayList<>();
    public final List<String> functions = new ArrayList<>();
    public final List<String> triggers = new ArrayList<>();
    public final Set<Section> sections = EnumSet.noneOf(Section.class);
    /** -L: the dump ids to restore, in this order; null restores all. */
    public List<Integer> useList;
    /** -j: connections restoring data and post-data at once (into a database only). */
    public int jobs = 1;
    /**
     * With -j: a table data entry of at least this many archive bytes is loaded over every connection free when it
     * starts (see {@link SplitCopy}); 0 never splits a load.
     */
    public long splitLoadBytes = 8L << 20;
    /** Script header: "Dumped by ..." when writing a script. */
    public String producer = "Tusk";

    /** -1 implies --exit-on-error, as in pg_restore. */
    public boolean stopOnFirstError() {
        return exitOnError || singleTransaction;
    }
}
