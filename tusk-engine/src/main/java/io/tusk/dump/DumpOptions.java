package io.tusk.dump;

import io.tusk.archive.Compression;
import io.tusk.archive.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What to dump and how: pg_dump's options. Defaults are pg_dump's. */
public final class DumpOptions {
    public enum Format { PLAIN, CUSTOM, DIRECTORY, TAR }

    public Format format = Format.PLAIN;
    /** The output file (for DIRECTORY: the directory, new or empty; required); null writes to standard output. */
    public Path file;
    /** Null: the format's default (none for plain and tar, gzip for custom and directory). */
    public Compression compression;
    public boolean schemaOnly;
    public boolean dataOnly;
    public boolean create;
    public boolean clean;
    public boolean ifExists;
    public boolean noOwner;
    public boolean noPrivileges;
    public boolean inserts;
    public boolean columnInserts;
    public boolean strictNames;
    /** --no-sync: output files are renamed into place without waiting for them to reach the disk. */
    public boolean noSync;
    public final List<String> tables = new ArrayList<>();
    public final List<String> excludeTables = new ArrayList<>();
    public final List<String> schemas = new ArrayList<>();
    public final List<String> excludeSchemas = new ArrayList<>();
    public final List<String> excludeTableData = new ArrayList<>();
    /** Empty: all sections. */
    public final Set<Section> sections = EnumSet.noneOf(Section.class);
    /** pg_dump's --lock-wait-timeout, as SET lock_timeout takes it ("30s", "500"); null waits forever. */
    public String lockWaitTimeout;
    public DumpListener listener = DumpListener.NONE;
    /** -j: worker connections copying table data at once (directory format only). */
    public int jobs = 1;
    /** With -j: tables at least this large (catalog estimate) are split into -j parts copied at once; 0 never. */
    public long splitTableBytes = 64L << 20;

    public Compression effectiveCompression() {
        if (compression != null) {
            return compression;
        }
        return format == Format.CUSTOM || format == Format.DIRECTORY ? Compression.GZIP_DEFAULT : Compression.NONE;
    }
}
