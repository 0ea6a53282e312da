package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_TYPE;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Enum, composite, domain and range types. Base types need C functions and are left to extensions. */
final class TypeReader {
    private TypeReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        // PostgreSQL 14 added multiranges; the range's multirange type name is kept when it is not the default.
        String multirange = ctx.atLeast(14)
                ? "(SELECT mt.typname FROM pg_catalog.pg_type mt WHERE mt.oid = r.rngmultitypid)"
                : "NULL::name";
        ctx.query("SELECT t.oid, t.typname, n.nspname, t.typtype, pg_catalog.pg_get_userbyid(t.typowner) AS owner,"
                + " " + Acl.exploded("t.typacl") + " AS acl,"
                + " pg_catalog.format_type(t.typbasetype, t.typtypmod) AS basetype, t.typnotnull, t.typdefault,"
                + " CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT bt.typcollation FROM pg_catalog.pg_type bt"
                + "   WHERE bt.oid = t.typbasetype) THEN (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)"
                + "   FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END AS collation,"
                + " (SELECT pg_catalog.array_agg(pg_catalog.quote_literal(e.enumlabel) ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e"
                + "   WHERE e.enumtypid = t.oid) AS labels,"
                + " (SELECT pg_catalog.array_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)"
                + "   || CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN ' COLLATE ' || (SELECT pg_catalog.quote_ident(cn.nspname)"
                + "   || '.' || pg_catalog.quote_ident(co.collname) FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + "   WHERE co.oid = a.attcollation) ELSE '' END ORDER BY a.attnum)"
                + "   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
                + "   WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes,"
                + " pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,"
                + " CASE WHEN r.rngsubopc IS NOT NULL AND NOT (SELECT o.opcdefault FROM pg_catalog.pg_opclass o WHERE o.oid = r.rngsubopc)"
                + "   THEN (SELECT pg_catalog.quote_ident(on2.nspname) || '.' || pg_catalog.quote_ident(o.opcname) FROM pg_catalog.pg_opclass o"
                + "   JOIN pg_catalog.pg_namespace on2 ON on2.oid = o.opcnamespace WHERE o.oid = r.rngsubopc) END AS subopclass,"
                + " CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> (SELECT st.typcollation FROM pg_catalog.pg_type st WHERE st.oid = r.rngsubtype)"
                + "   THEN (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) FROM pg_catalog.pg_collation co"
                + "   JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = r.rngcollation) END AS rngcollation,"
                + " CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::pg_catalog.regproc::text END AS canonical,"
                + " CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::pg_catalog.regproc::text END AS subdiff,"
                + " " + multirange + " AS multirange"
                + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid"
                + " WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
                + " AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass"
                + "   AND d.objid = t.oid AND d.deptype = 'e')"
                + " ORDER BY n.nspname, t.typname", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("typname");
            String q = Sql.qualified(schema, name);
            char typtype = rs.getString("typtype").charAt(0);
            StringBuilder defn = new StringBuilder();
            Kind kind = typtype == 'd' ? Kind.DOMAIN : Kind.TYPE;
            switch (typtype) {
                case 'e' -> {
                    String[] labels = CatalogContext.stringArray(rs, "labels");
                    defn.append("CREATE TYPE ").append(q).append(" AS ENUM (");
                    for (int i = 0; labels != null && i < labels.length; i++) {
                        defn.append(i > 0 ? "," : "").append("\n    ").append(labels[i]);
                    }
                    defn.append(labels == null || labels.length == 0 ? ");\n" : "\n);\n");
                }
                case 'c' -> {
                    String[] attributes = CatalogContext.stringArray(rs, "attributes");
                    defn.append("CREATE TYPE ").append(q).append(" AS (");
                    for (int i = 0; attributes != null && i < attributes.length; i++) {
                        defn.append(i > 0 ? "," : "").append("\n    ").append(attributes[i]);
                    }
                    defn.append(attributes == null || attributes.length == 0 ? ");\n" : "\n);\n");
                }
                case 'r' -> {
                    defn.append("CREATE TYPE ").append(q).append(" AS RANGE (\n    subtype = ").append(rs.getString("subtype"));
                    String multi = rs.getString("multirange");
                    if (multi != null && !multi.equals(defaultMultirangeName(name))) {
                        defn.append(",\n    multirange_type_name = ").append(Sql.qualified(schema, multi));
                    }
                    appendOption(defn, "subtype_opclass", rs.getString("subopclass"));
                    appendOption(defn, "collation", rs.getString("rngcollation"));
                    appendOption(defn, "canonical", rs.getString("canonical"));
                    appendOption(defn, "subtype_diff", rs.getString("subdiff"));
                    defn.append("\n);\n");
                }
                default -> {
                    defn.append("CREATE DOMAIN ").append(q).append(" AS ").append(rs.getString("basetype"));
                    if (rs.getString("collation") != null) {
                        defn.append(" COLLATE ").append(rs.getString("collation"));
                    }
                    if (rs.getString("typdefault") != null) {
                        defn.append(" DEFAULT ").append(rs.getString("typdefault"));
                    }
                    if (rs.getBoolean("typnotnull")) {
                        defn.append(" NOT NULL");
                    }
                }
            }
            String keyword = kind == Kind.DOMAIN ? "DOMAIN" : "TYPE";
            DumpObject type = new DumpObject(new ObjectId(PG_TYPE, oid), kind, schema, name).owner(rs.getString("owner"))
                    .dropStmt("DROP " + keyword + " " + q + ";\n").defn(defn.toString());
            ctx.attachComment(type, PG_TYPE, oid, 0, keyword + " " + q);
            String grants = Acl.statements(keyword + " " + q, Sql.ident(rs.getString("owner")), CatalogContext.stringArray(rs, "acl"), null);
            if (!grants.isEmpty()) {
                type.attach("ACL", keyword + " " + name, grants);
            }
            out.add(type);
        });
        addDomainConstraints(ctx, out);
        addAttributeComments(ctx, out);
        return out;
    }

    /** COMMENT ON COLUMN of a composite type's attributes: they are stored on the type's pg_class row. */
    private static void addAttributeComments(CatalogContext ctx, List<DumpObject> types) throws SQLException {
        java.util.Map<Long, DumpObject> composites = new java.util.HashMap<>();
        for (DumpObject t : types) {
            composites.put(t.id().objOid(), t);
        }
        ctx.query("SELECT t.oid, a.attrelid, a.attnum, a.attname FROM pg_catalog.pg_type t"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid WHERE t.typtype = 'c' AND t.oid >= 16384"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY t.oid, a.attnum", rs -> {
            DumpObject type = composites.get(rs.getLong("oid"));
            if (type != null) {
                ctx.attachComment(type, CatalogContext.PG_CLASS, rs.getLong("attrelid"), rs.getInt("attnum"),
                        "COLUMN " + Sql.qualified(type.namespace(), type.name()) + "." + Sql.ident(rs.getString("attname")));
            }
        });
    }

    private static void appendOption(StringBuilder defn, String option, String value) {
        if (value != null) {
            defn.append(",\n    ").append(option).append(" = ").append(value);
        }
    }

    /** PostgreSQL names a range's multirange by replacing "range" in its name by "multirange", else appending it. */
    private static String defaultMultirangeName(String rangeName) {
        int i = rangeName.indexOf("range");
        return i >= 0 ? rangeName.substring(0, i) + "multirange" + rangeName.substring(i + 5) : rangeName + "_multirange";
    }

    /** CHECK constraints of domains go into CREATE DOMAIN; NOT VALID ones are added after it, as pg_dump does. */
    private static void addDomainConstraints(CatalogContext ctx, List<DumpObject> types) throws SQLException {
        java.util.Map<Long, DumpObject> domains = new java.util.HashMap<>();
        for (DumpObject t : types) {
            if (t.kind() == Kind.DOMAIN) {
                domains.put(t.id().objOid(), t);
            }
        }
        if (domains.isEmpty()) {
            return;
        }
        ctx.query("SELECT c.oid, c.contypid, c.conname, pg_catalog.pg_get_constraintdef(c.oid) AS def, c.convalidated"
                + " FROM pg_catalog.pg_constraint c WHERE c.contypid <> 0 AND c.contype = 'c' ORDER BY c.contypid, c.conname", rs -> {
            DumpObject domain = domains.get(rs.getLong("contypid"));
            if (domain == null) {
                return;
            }
            String q = Sql.qualified(domain.namespace(), domain.name());
            String constraint = "CONSTRAINT " + Sql.ident(rs.getString("conname")) + " " + rs.getString("def");
            if (rs.getBoolean("convalidated")) {
                domain.defn(domain.defn() + "\n\t" + constraint);
            } else {
                domain.attach("CHECK CONSTRAINT", rs.getString("conname"), "ALTER DOMAIN " + q + " ADD " + constraint + ";\n");
            }
            ctx.attachComment(domain, CatalogContext.PG_CONSTRAINT, rs.getLong("oid"), 0,
                    "CONSTRAINT " + Sql.ident(rs.getString("conname")) + " ON DOMAIN " + q);
        });
        for (DumpObject d : domains.values()) {
            d.defn(d.defn() + ";\n");
        }
    }
}
