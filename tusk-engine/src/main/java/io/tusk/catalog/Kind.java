package io.tusk.catalog;

import io.tusk.archive.Section;

/**
 * The kinds of archive entries Tusk writes, with pg_dump's spelling, section and sort priority (the order of
 * pg_dump_sort.c's dbObjectTypePriority: dependencies can only move an object later than this).
 */
public enum Kind {
    ENCODING("ENCODING", Section.PRE_DATA, 0),
    STDSTRINGS("STDSTRINGS", Section.PRE_DATA, 0),
    SEARCHPATH("SEARCHPATH", Section.PRE_DATA, 0),
    DATABASE("DATABASE", Section.PRE_DATA, 0),
    DATABASE_PROPERTIES("DATABASE PROPERTIES", Section.PRE_DATA, 0),
    SCHEMA("SCHEMA", Section.PRE_DATA, 1),
    EXTENSION("EXTENSION", Section.PRE_DATA, 4),
    TYPE("TYPE", Section.PRE_DATA, 5),
    DOMAIN("DOMAIN", Section.PRE_DATA, 5),
    FUNCTION("FUNCTION", Section.PRE_DATA, 7),
    PROCEDURE("PROCEDURE", Section.PRE_DATA, 7),
    AGGREGATE("AGGREGATE", Section.PRE_DATA, 8),
    SEQUENCE("SEQUENCE", Section.PRE_DATA, 18),
    TABLE("TABLE", Section.PRE_DATA, 18),
    VIEW("VIEW", Section.PRE_DATA, 18),
    MATERIALIZED_VIEW("MATERIALIZED VIEW", Section.PRE_DATA, 18),
    SEQUENCE_OWNED_BY("SEQUENCE OWNED BY", Section.PRE_DATA, 19),
    TABLE_ATTACH("TABLE ATTACH", Section.PRE_DATA, 19),
    DEFAULT("DEFAULT", Section.PRE_DATA, 21),
    TABLE_DATA("TABLE DATA", Section.DATA, 23),
    SEQUENCE_SET("SEQUENCE SET", Section.DATA, 24),
    CONSTRAINT("CONSTRAINT", Section.POST_DATA, 27),
    CHECK_CONSTRAINT("CHECK CONSTRAINT", Section.POST_DATA, 27),
    INDEX("INDEX", Section.POST_DATA, 28),
    INDEX_ATTACH("INDEX ATTACH", Section.POST_DATA, 29),
    RULE("RULE", Section.POST_DATA, 31),
    TRIGGER("TRIGGER", Section.POST_DATA, 32),
    FK_CONSTRAINT("FK CONSTRAINT", Section.POST_DATA, 33),
    POLICY("POLICY", Section.POST_DATA, 34),
    ROW_SECURITY("ROW SECURITY", Section.POST_DATA, 34),
    DEFAULT_ACL("DEFAULT ACL", Section.POST_DATA, 40),
    MATERIALIZED_VIEW_DATA("MATERIALIZED VIEW DATA", Section.POST_DATA, 42);

    private final String desc;
    private final Section section;
    private final int priority;

    Kind(String desc, Section section, int priority) {
        this.desc = desc;
        this.section = section;
        this.priority = priority;
    }

    public String desc() {
        return desc;
    }

    public Section section() {
        return section;
    }

    public int priority() {
        return priority;
    }
}
