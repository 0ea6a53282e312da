package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_TS_CONFIG;
import static io.tusk.catalog.CatalogContext.PG_TS_DICT;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text search dictionaries and configurations with their token mappings. Parsers and templates need C functions
 * and come with extensions.
 */
final class TextSearchReader {
    private TextSearchReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT d.oid, d.dictname, n.nspname, pg_catalog.pg_get_userbyid(d.dictowner) AS owner, d.dictinitoption,"
                + " pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.tmplname) AS template"
                + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                + " JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_ts_dict", "d.oid")
                + " ORDER BY n.nspname, d.dictname", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("dictname");
            String q = Sql.qualified(schema, name);
            String options = rs.getString("dictinitoption");
            DumpObject dict = new DumpObject(new ObjectId(PG_TS_DICT, oid), Kind.TEXT_SEARCH_DICTIONARY, schema, name)
                    .owner(rs.getString("owner")).dropStmt("DROP TEXT SEARCH DICTIONARY " + q + ";\n")
                    .defn("CREATE TEXT SEARCH DICTIONARY " + q + " (\n    TEMPLATE = " + rs.getString("template")
                            + (options == null ? "" : ",\n    " + options) + " );\n");
            ctx.attachComment(dict, PG_TS_DICT, oid, 0, "TEXT SEARCH DICTIONARY " + q);
            out.add(dict);
        });
        ctx.query("SELECT c.oid, c.cfgname, n.nspname, pg_catalog.pg_get_userbyid(c.cfgowner) AS owner,"
                + " pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.prsname) AS parser"
                + " FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                + " JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_ts_config", "c.oid")
                + " ORDER BY n.nspname, c.cfgname", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("cfgname");
            String q = Sql.qualified(schema, name);
            out.add(new DumpObject(new ObjectId(PG_TS_CONFIG, oid), Kind.TEXT_SEARCH_CONFIGURATION, schema, name)
                    .owner(rs.getString("owner")).dropStmt("DROP TEXT SEARCH CONFIGURATION " + q + ";\n")
                    .defn("CREATE TEXT SEARCH CONFIGURATION " + q + " (\n    PARSER = " + rs.getString("parser") + " );\n"));
        });
        for (DumpObject config : out) {
            if (config.kind() == Kind.TEXT_SEARCH_CONFIGURATION) {
                addMappings(ctx, config);
                ctx.attachComment(config, PG_TS_CONFIG, config.id().objOid(), 0,
                        "TEXT SEARCH CONFIGURATION " + Sql.qualified(config.namespace(), config.name()));
            }
        }
        return out;
    }

    /** One ALTER ... ADD MAPPING per token type, its dictionaries in order, as pg_dump writes them. */
    private static void addMappings(CatalogContext ctx, DumpObject config) throws SQLException {
        Map<String, List<String>> mappings = new LinkedHashMap<>();
        long oid = config.id().objOid();
        ctx.query("SELECT (SELECT t.alias FROM pg_catalog.ts_token_type(c.cfgparser) AS t WHERE t.tokid = m.maptokentype) AS token,"
                + " m.mapdict::pg_catalog.regdictionary::text AS dict FROM pg_catalog.pg_ts_config_map m"
                + " JOIN pg_catalog.pg_ts_config c ON c.oid = m.mapcfg WHERE m.mapcfg = " + oid
                + " ORDER BY m.maptokentype, m.mapseqno", rs ->
                mappings.computeIfAbsent(rs.getString("token"), k -> new ArrayList<>()).add(rs.getString("dict")));
        StringBuilder defn = new StringBuilder(config.defn());
        String q = Sql.qualified(config.namespace(), config.name());
        mappings.forEach((token, dicts) -> defn.append("\nALTER TEXT SEARCH CONFIGURATION ").append(q).append("\n    ADD MAPPING FOR ")
                .append(token).append(" WITH ").append(String.join(", ", dicts)).append(";\n"));
        config.defn(defn.toString());
    }
}
