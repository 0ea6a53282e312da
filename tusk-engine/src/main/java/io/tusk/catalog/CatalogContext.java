package io.tusk.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every reader shares while reading one database inside the dump's snapshot: the connection, the server
 * version, the comments, and a source of ids for objects no catalog row names.
 */
public final class CatalogContext {
    /** Catalog oids are fixed since PostgreSQL 8: pg_class, pg_proc... as pg_depend's classid. */
    public static final long PG_CLASS = 1259;
    public static final long PG_PROC = 1255;
    public static final long PG_TYPE = 1247;
    public static final long PG_NAMESPACE = 2615;
    public static final long PG_CONSTRAINT = 2606;
    public static final long PG_TRIGGER = 2620;
    public static final long PG_REWRITE = 2618;
    public static final long PG_ATTRDEF = 2604;
    public static final long PG_EXTENSION = 3079;
    public static final long PG_POLICY = 3256;
    public static final long PG_DEFAULT_ACL = 826;
    public static final long PG_DATABASE = 1262;
    public static final long PG_COLLATION = 3456;
    public static final long PG_OPERATOR = 2617;
    public static final long PG_OPCLASS = 2616;
    public static final long PG_OPFAMILY = 2753;
    public static final long PG_AM = 2601;
    public static final long PG_CAST = 2605;
    public static final long PG_TS_DICT = 3600;
    public static final long PG_TS_CONFIG = 3602;
    public static final long PG_FOREIGN_DATA_WRAPPER = 2328;
    public static final long PG_FOREIGN_SERVER = 1417;
    public static final long PG_USER_MAPPING = 1418;
    public static final long PG_PUBLICATION = 6104;
    public static final long PG_PUBLICATION_REL = 6106;
    public static final long PG_PUBLICATION_NAMESPACE = 6237;
    public static final long PG_EVENT_TRIGGER = 3466;
    public static final long PG_STATISTIC_EXT = 3381;
    public static final long PG_LARGEOBJECT_METADATA = 2613;

    private final Connection connection;
    private final int serverVersionNum;
    private final Map<String, String> comments = new HashMap<>();
    private final AtomicLong syntheticIds = new AtomicLong();

    public CatalogContext(Connection connection, int serverVersionNum) throws SQLException {
        this.connection = connection;
        this.serverVersionNum = serverVersionNum;
        query("SELECT classoid, objoid, objsubid, description FROM pg_catalog.pg_description", rs -> {
            comments.put(key(rs.getLong(1), rs.getLong(2), rs.getInt(3)), rs.getString(4));
        });
    }

    public Connection connection() {
        return connection;
    }

    /** server_version_num: 150013 for 15.13. */
    public int serverVersionNum() {
        return serverVersionNum;
    }

    public boolean atLeast(int major) {
        return serverVersionNum >= major * 10000;
    }

    public ObjectId newSyntheticId() {
        return ObjectId.synthetic(syntheticIds.incrementAndGet());
    }

    /** The comment on an object (subId 0) or one of its columns, or null. */
    public String comment(long classOid, long objOid, int subId) {
        return comments.get(key(classOid, objOid, subId));
    }

    /** Adds {@code COMMENT ON <what> IS '...';} to the object when it has a comment. */
    public void attachComment(DumpObject object, long classOid, long objOid, int subId, String what) {
        String text = comment(classOid, objOid, subId);
        if (text != null) {
            object.attach("COMMENT", what, "COMMENT ON " + what + " IS " + Sql.literal(text) + ";\n");
        }
    }

    /**
     * A WHERE condition: the object with oid {@code oidColumn} in catalog {@code catalog} is not a member of an
     * extension (CREATE EXTENSION makes those, and dumps never list them one by one).
     */
    public static String notExtensionMember(String catalog, String oidColumn) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ed WHERE ed.classid = 'pg_catalog." + catalog + "'::pg_catalog.regclass"
                + " AND ed.objid = " + oidColumn + " AND ed.deptype = 'e')";
    }

    /** A WHERE condition: the namespace {@code nspColumn} names is a user schema. */
    public static String userSchema(String nspColumn) {
        return nspColumn + " !~ '^pg_' AND " + nspColumn + " <> 'information_schema'";
    }

    private static String key(long classOid, long objOid, int subId) {
        return classOid + "/" + objOid + "/" + subId;
    }

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    public void query(String sql, RowHandler handler) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }

    public static String[] stringArray(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? null : (String[]) a.getArray();
    }
}
