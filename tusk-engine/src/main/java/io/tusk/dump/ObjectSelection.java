package io.tusk.dump;

import io.tusk.TuskException;
import io.tusk.archive.Section;
import io.tusk.catalog.DumpObject;
import io.tusk.catalog.Kind;
import io.tusk.catalog.ObjectId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which catalog objects a dump contains, by pg_dump's rules: {@code -n}/{@code -N} pick schemas and all
 * they hold, {@code -t}/{@code -T} pick relations only (their indexes, constraints, triggers and data follow them),
 * without either everything is dumped.
 */
final class ObjectSelection {
    private static final Set<Kind> RELATIONS = Set.of(Kind.TABLE, Kind.VIEW, Kind.MATERIALIZED_VIEW, Kind.SEQUENCE,
            Kind.FOREIGN_TABLE);
    private static final Set<Kind> DATA = Set.of(Kind.TABLE_DATA, Kind.SEQUENCE_SET, Kind.MATERIALIZED_VIEW_DATA, Kind.BLOBS);

    private final DumpOptions options;
    private final List<NamePattern> tables = new ArrayList<>();
    private final List<NamePattern> excludeTables = new ArrayList<>();
    private final List<NamePattern> schemas = new ArrayList<>();
    private final List<NamePattern> excludeSchemas = new ArrayList<>();
    private final List<NamePattern> excludeData = new ArrayList<>();

    ObjectSelection(DumpOptions options) {
        this.options = options;
        try {
            options.tables.forEach(t -> tables.add(NamePattern.parse(t, true)));
            options.excludeTables.forEach(t -> excludeTables.add(NamePattern.parse(t, true)));
            options.schemas.forEach(s -> schemas.add(NamePattern.parse(s, false)));
            options.excludeSchemas.forEach(s -> excludeSchemas.add(NamePattern.parse(s, false)));
            options.excludeTableData.forEach(t -> excludeData.add(NamePattern.parse(t, true)));
        } catch (IllegalArgumentException e) {
            throw new TuskException(e.getMessage() + ": check the -t/-n pattern", e);
        }
    }

    private boolean includeEverything() {
        return tables.isEmpty() && schemas.isEmpty();
    }

    private boolean schemaSelected(String schema) {
        if (schema == null) {
            return true;
        }
        for (NamePattern p : excludeSchemas) {
            if (p.matchesSchema(schema)) {
                return false;
            }
        }
        if (schemas.isEmpty()) {
            return true;
        }
        for (NamePattern p : schemas) {
            if (p.matchesSchema(schema)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a table of this name is dumped at all (its definition or its data): the ones to lock. */
    boolean relationSelected(String schema, String name) {
        for (NamePattern p : excludeTables) {
            if (p.matches(schema, name)) {
                return false;
            }
        }
        if (!tables.isEmpty()) {
            for (NamePattern p : tables) {
                if (p.matches(schema, name)) {
                    return true;
                }
            }
            return false;
        }
        return schemaSelected(schema);
    }

    /** The objects to dump, in catalog order. Fails when a pattern matches nothing and pg_dump would fail. */
    List<DumpObject> select(List<DumpObject> all) {
        checkPatterns(all);
        Map<ObjectId, Boolean> decided = new HashMap<>();
        for (DumpObject o : all) {
            if (o.belongsTo() == null) {
                decided.put(o.id(), ownSelection(o));
            }
        }
        // As pg_dump: a dumped table brings the sequences it owns (serial columns), whatever -t said of them.
        for (DumpObject o : all) {
            if (o.kind() == Kind.SEQUENCE_OWNED_BY && decided.getOrDefault(o.explicitDependencies().get(1), false)) {
                decided.put(o.belongsTo(), true);
            }
        }
        List<DumpObject> selected = new ArrayList<>();
        for (DumpObject o : all) {
            boolean in = o.belongsTo() == null ? decided.get(o.id()) : decided.getOrDefault(o.belongsTo(), false);
            if (in && o.kind() == Kind.TABLE_ATTACH) {
                in = o.explicitDependencies().stream().allMatch(d -> decided.getOrDefault(d, false));
            }
            if (in && o.kind() == Kind.TABLE_DATA) {
                for (NamePattern p : excludeData) {
                    if (p.matches(o.namespace(), o.name())) {
                        in = false;
                    }
                }
            }
            if (in && DATA.contains(o.kind())) {
                in = !options.schemaOnly;
            } else if (in) {
                in = !options.dataOnly;
            }
            if (in && options.noPrivileges && o.kind() == Kind.DEFAULT_ACL) {
                in = false;
            }
            if (in && !options.sections.isEmpty()) {
                in = options.sections.contains(o.section());
            }
            if (in) {
                selected.add(o);
            }
        }
        return selected;
    }

    private boolean ownSelection(DumpObject o) {
        if (RELATIONS.contains(o.kind())) {
            return relationSelected(o.namespace(), o.name());
        }
        if (!tables.isEmpty()) {
            return false;
        }
        return switch (o.kind()) {
            case SCHEMA -> schemaSelected(o.name());
            // Objects outside schemas, and large objects, come only with a dump of everything (pg_dump's include_everything).
            case EXTENSION, CAST, ACCESS_METHOD, FOREIGN_DATA_WRAPPER, SERVER, PUBLICATION, EVENT_TRIGGER, BLOB, BLOBS -> includeEverything();
            case DEFAULT_ACL -> o.namespace() == null ? includeEverything() : schemaSelected(o.namespace());
            default -> schemaSelected(o.namespace());
        };
    }

    private void checkPatterns(List<DumpObject> all) {
        Set<String> unmatchedTables = new LinkedHashSet<>(options.tables);
        Set<String> unmatchedSchemas = new LinkedHashSet<>(options.schemas);
        for (DumpObject o : all) {
            if (RELATIONS.contains(o.kind())) {
                for (int i = 0; i < tables.size(); i++) {
                    if (tables.get(i).matches(o.namespace(), o.name())) {
                        unmatchedTables.remove(options.tables.get(i));
                    }
                }
            } else if (o.kind() == Kind.SCHEMA) {
                for (int i = 0; i < schemas.size(); i++) {
                    if (schemas.get(i).matchesSchema(o.name())) {
                        unmatchedSchemas.remove(options.schemas.get(i));
                    }
                }
            }
        }
        if (options.strictNames) {
            if (!unmatchedSchemas.isEmpty()) {
                throw new TuskException("no matching schemas were found for pattern \"" + unmatchedSchemas.iterator().next() + "\"");
            }
            if (!unmatchedTables.isEmpty()) {
                throw new TuskException("no matching tables were found for pattern \"" + unmatchedTables.iterator().next() + "\"");
            }
        }
        if (!options.schemas.isEmpty() && unmatchedSchemas.size() == options.schemas.size()) {
            throw new TuskException("no matching schemas were found");
        }
        if (!options.tables.isEmpty() && unmatchedTables.size() == options.tables.size()) {
            throw new TuskException("no matching tables were found");
        }
    }
}
