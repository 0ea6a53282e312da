package io.tusk.catalog;

import io.tusk.archive.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * One object to dump, before it becomes an archive entry: what pg_dump calls a DumpableObject. Readers fill it
 * from the catalogs; the dumper selects, sorts and numbers them.
 */
public final class DumpObject {
    private final ObjectId id;
    private final Kind kind;
    private final String namespace;
    private final String name;
    private String tag;
    private String owner;
    private String defn = "";
    private String dropStmt = "";
    private String tableAm;
    private char relkind;
    private final List<ObjectId> explicitDependencies = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private ObjectId belongsTo;
    private TableData data;
    private long estimatedRows;
    private long estimatedBytes;

    public DumpObject(ObjectId id, Kind kind, String namespace, String name) {
        this.id = id;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.tag = name;
    }

    /** COMMENT, ACL and SECURITY LABEL entries: they follow their object and share its fate. */
    public record Attachment(String desc, String tag, String namespace, String owner, String defn) {
    }

    /**
     * How a TABLE DATA entry gets its rows.
     *
     * @param qualifiedName the table, quoted and schema-qualified
     * @param columnList    " (a, b)" of the columns that hold data (generated ones do not), or "" for none
     * @param insertSql     for --inserts: a query returning each row's values as one SQL list
     * @param rowFilter     a WHERE condition when this entry holds only part of the table's rows, else null
     */
    public record TableData(String qualifiedName, String columnList, String insertSql, String rowFilter) {
        public TableData(String qualifiedName, String columnList, String insertSql) {
            this(qualifiedName, columnList, insertSql, null);
        }

        /** The statement written into the archive before the rows. */
        public String copyStmt() {
            return "COPY " + qualifiedName + columnList + " FROM stdin;\n";
        }

        /** The statement run against the source: the whole table, or the part {@link #rowFilter} selects. */
        public String copyOutSql() {
            if (rowFilter == null) {
                return "COPY " + qualifiedName + columnList + " TO STDOUT";
            }
            String select = columnList.isEmpty() ? "" : columnList.substring(2, columnList.length() - 1);
            return "COPY (SELECT " + select + " FROM ONLY " + qualifiedName + " WHERE " + rowFilter + ") TO STDOUT";
        }

        /** The same table's rows that {@code filter} selects (a part of a split table). */
        public TableData part(String filter) {
            return new TableData(qualifiedName, columnList, insertSql, filter);
        }
    }

    public ObjectId id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String desc() {
        return kind.desc();
    }

    public Section section() {
        return kind.section();
    }

    public String namespace() {
        return namespace;
    }

    /** The object's own name, unquoted. */
    public String name() {
        return name;
    }

    public String tag() {
        return tag;
    }

    public DumpObject tag(String tag) {
        this.tag = tag;
        return this;
    }

    public String owner() {
        return owner;
    }

    public DumpObject owner(String owner) {
        this.owner = owner;
        return this;
    }

    public String defn() {
        return defn;
    }

    public DumpObject defn(String defn) {
        this.defn = defn;
        return this;
    }

    public String dropStmt() {
        return dropStmt;
    }

    public DumpObject dropStmt(String dropStmt) {
        this.dropStmt = dropStmt;
        return this;
    }

    public String tableAm() {
        return tableAm;
    }

    public DumpObject tableAm(String tableAm) {
        this.tableAm = tableAm;
        return this;
    }

    public char relkind() {
        return relkind;
    }

    public DumpObject relkind(char relkind) {
        this.relkind = relkind;
        return this;
    }

    /** Dependencies pg_depend does not record (attach statements, data after its table). */
    public List<ObjectId> explicitDependencies() {
        return explicitDependencies;
    }

    public DumpObject dependsOn(ObjectId other) {
        explicitDependencies.add(other);
        return this;
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    public DumpObject attach(String desc, String tag, String defn) {
        attachments.add(new Attachment(desc, tag, namespace, owner, defn));
        return this;
    }

    /** The table (or other object) whose selection decides this one's: indexes, triggers, data... */
    public ObjectId belongsTo() {
        return belongsTo;
    }

    public DumpObject belongsTo(ObjectId owner) {
        this.belongsTo = owner;
        return this;
    }

    public TableData data() {
        return data;
    }

    public DumpObject data(TableData data) {
        this.data = data;
        return this;
    }

    public long estimatedRows() {
        return estimatedRows;
    }

    public long estimatedBytes() {
        return estimatedBytes;
    }

    public DumpObject estimates(long rows, long bytes) {
        this.estimatedRows = rows;
        this.estimatedBytes = bytes;
        return this;
    }

    @Override
    public String toString() {
        return kind.desc() + " " + (namespace == null ? "" : namespace + ".") + tag;
    }
}
