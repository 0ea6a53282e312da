package io.tusk.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an ACL into GRANT/REVOKE statements. Items come from the server already exploded and named (see
 * {@link #exploded(String)}), in the ACL's order, so that replaying the GRANTs rebuilds the same array.
 */
public final class Acl {
    private Acl() {
    }

    /** Separates an item's grantor (a bare role name) from the rest; role names do not contain it in practice. */
    private static final char GRANTOR_SEPARATOR = '\u001f';

    /**
     * A select-list expression giving the ACL as text[] of "grantor\u001fgrantee privilege grantable"
     * ("postgres\u001fPUBLIC SELECT false"), NULL when the ACL is NULL (default privileges), empty when everything
     * was revoked.
     */
    public static String exploded(String aclColumn) {
        return "CASE WHEN " + aclColumn + " IS NULL THEN NULL ELSE coalesce((SELECT pg_catalog.array_agg("
                + "pg_catalog.pg_get_userbyid(a.grantor) || E'\\x1f' || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END"
                + " || ' ' || a.privilege_type || ' ' || a.is_grantable ORDER BY a.ord) FROM pg_catalog.aclexplode(" + aclColumn
                + ") WITH ORDINALITY AS a(grantor, grantee, privilege_type, is_grantable, ord)), '{}') END";
    }

    /**
     * Statements that give {@code object} exactly the ACL {@code items}: revoke the defaults from PUBLIC and the
     * owner, then grant each item. Null items (default ACL) give an empty string.
     *
     * @param onWhat    what follows ON: {@code TABLE s.t}, {@code FUNCTION s.f(integer)}, {@code SCHEMA s}
     * @param ownerSql  the quoted owner name
     * @param columnSql for column privileges the quoted column name, else null (no revokes: columns have no defaults)
     */
    public static String statements(String onWhat, String ownerSql, String[] items, String columnSql) {
        if (items == null) {
            return "";
        }
        StringBuilder sql = new StringBuilder();
        if (columnSql == null) {
            sql.append("REVOKE ALL ON ").append(onWhat).append(" FROM PUBLIC;\n");
            if (ownerSql != null) {
                sql.append("REVOKE ALL ON ").append(onWhat).append(" FROM ").append(ownerSql).append(";\n");
            }
        }
        for (Grant g : group(items)) {
            // A privilege granted by a role holding it WITH GRANT OPTION keeps that grantor only when that role
            // grants it again, as pg_dump does.
            boolean otherGrantor = ownerSql != null && !Sql.ident(g.grantor).equals(ownerSql);
            if (otherGrantor) {
                sql.append("SET SESSION AUTHORIZATION ").append(Sql.ident(g.grantor)).append(";\n");
            }
            sql.append("GRANT ");
            for (int i = 0; i < g.privileges.size(); i++) {
                sql.append(i > 0 ? "," : "").append(g.privileges.get(i));
                if (columnSql != null) {
                    sql.append("(").append(columnSql).append(")");
                }
            }
            sql.append(" ON ").append(onWhat).append(" TO ").append(g.grantee);
            sql.append(g.grantable ? " WITH GRANT OPTION;\n" : ";\n");
            if (otherGrantor) {
                sql.append("RESET SESSION AUTHORIZATION;\n");
            }
        }
        return sql.toString();
    }

    /** ALTER DEFAULT PRIVILEGES form: {@code onWhat} is TABLES, SEQUENCES, FUNCTIONS, TYPES or SCHEMAS. */
    public static String defaultPrivileges(String prefix, String onWhat, String ownerSql, String[] items, boolean global) {
        StringBuilder sql = new StringBuilder();
        if (global) {
            sql.append(prefix).append("REVOKE ALL ON ").append(onWhat).append(" FROM PUBLIC;\n");
            sql.append(prefix).append("REVOKE ALL ON ").append(onWhat).append(" FROM ").append(ownerSql).append(";\n");
        }
        for (Grant g : group(items)) {
            sql.append(prefix).append("GRANT ").append(String.join(",", g.privileges)).append(" ON ").append(onWhat)
                    .append(" TO ").append(g.grantee).append(g.grantable ? " WITH GRANT OPTION;\n" : ";\n");
        }
        return sql.toString();
    }

    private record Grant(String grantor, String grantee, boolean grantable, List<String> privileges) {
    }

    private static List<Grant> group(String[] items) {
        List<Grant> grants = new ArrayList<>();
        for (String fullItem : items) {
            int separator = fullItem.indexOf(GRANTOR_SEPARATOR);
            String grantor = fullItem.substring(0, separator);
            String item = fullItem.substring(separator + 1);
            int last = item.lastIndexOf(' ');
            int mid = item.lastIndexOf(' ', last - 1);
            String grantee = item.substring(0, mid);
            String privilege = item.substring(mid + 1, last);
            boolean grantable = Boolean.parseBoolean(item.substring(last + 1));
            Grant current = grants.isEmpty() ? null : grants.get(grants.size() - 1);
            if (current == null || !current.grantor.equals(grantor) || !current.grantee.equals(grantee) || current.grantable != grantable) {
                current = new Grant(grantor, grantee, grantable, new ArrayList<>());
                grants.add(current);
            }
            current.privileges.add(privilege);
        }
        return grants;
    }
}
