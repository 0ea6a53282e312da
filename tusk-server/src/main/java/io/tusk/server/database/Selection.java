package io.tusk.server.database;

import java.util.List;

/** What a backup takes: pg_dump's -t, -T, -n, -N patterns; all empty for the whole database. */
public record Selection(List<String> tables, List<String> excludeTables, List<String> schemas, List<String> excludeSchemas) {
    public static final Selection ALL = new Selection(List.of(), List.of(), List.of(), List.of());

    public Selection {
        tables = tables == null ? List.of() : List.copyOf(tables);
        excludeTables = excludeTables == null ? List.of() : List.copyOf(excludeTables);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
    }
}
