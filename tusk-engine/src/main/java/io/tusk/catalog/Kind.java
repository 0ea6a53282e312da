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
    COLLATION("COLLATION", Section.PRE_DATA, 3),
    EXTENSION("EXTENSION", Section.PRE_DATA, 4),
    TYPE("TYPE", Section.PRE_DATA, 5),
    DOMAIN("DOMAIN", Section.PRE_DATA, 5),
    FUNCTION("FUNCTION", Section.PRE_DATA, 7),
    PROCEDURE("PROCEDURE", Section.PRE_DATA, 7),
    AGGREGATE("AGGREGATE", Section.PRE_DATA, 8),
    OPERATOR("OPERATOR", Section.PRE_DATA, 8),
    ACCESS_METHOD("ACCESS METHOD", Section.PRE_DATA, 8),
    OPERATOR_FAMILY("OPERATOR FAMILY", Section.PRE_DATA, 9),
    OPERATOR_CLASS("OPERATOR CLASS", Section.PRE_DATA, 9),
    CAST("CAST", Section.PRE_DATA, 10),
    TEXT_SEARCH_DICTIONARY("TEXT SEARCH DICTIONARY", Section.PRE_DATA, 14),
    TEXT_SEARCH_CONFIGURATION("TEXT SEARCH CONFIGURATION", Section.PRE_DATA, 15),
    FOREIGN_DATA_WRAPPER("FOREIGN DATA WRAPPER", Section.PRE_DATA, 16),
    SERVER("SERVER", Section.PRE_DATA, 17),
    USER_MAPPING("USER MAPPING", Section.PRE_DATA, 17),
    SEQUENCE("SEQUENCE", Section.PRE_DATA, 18),
    TABLE("TABLE", Section.PRE_DATA, 18),
    VIEW("VIEW", Section.PRE_DATA, 18),
    MATERIALIZED_VIEW("MATERIALIZED VIEW", Section.PRE_DATA, 18),
    FOREIGN_TABLE("FOREIGN TABLE", Section.PRE_DATA, 18),
    SEQUENCE_OWNED_BY("SEQUENCE OWNED BY", Section.PRE_DATA, 19),
    TABLE_ATTACH("TABLE ATTACH", Section.PRE_DATA, 19),
    DEFAULT("DEFAULT", Section.PRE_DATA, 21),
    /** pg_dump 12-16 spell a large object's entry "BLOB"; 17 groups them into "BLOB METADATA". */
    BLOB("BLOB", Section.PRE_DATA, 22),
    TABLE_DATA("TABLE DATA", Section.DATA, 23),
    SEQUENCE_SET("SEQUENCE SET", Section.DATA, 24),
    BLOBS("BLOBS", Section.DATA, 25),
    CONSTRAINT("CONSTRAINT", Section.POST_DATA, 27),
    CHECK_CONSTRAINT("CHECK CONSTRAINT", Section.POST_DATA, 27),
    INDEX("INDEX", Section.POST_DATA, 28),
    INDEX_ATTACH("INDEX ATTACH", Section.POST_DATA, 29),
    STATISTICS("STATISTICS", Section.POST_DATA, 30),
    RULE("RULE", Section.POST_DATA, 31),
    TRIGGER("TRIGGER", Section.POST_DATA, 32),
    FK_CONSTRAINT("FK CONSTRAINT", Section.POST_DATA, 33),
    POLICY("POLICY", Section.POST_DATA, 34),
    ROW_SECURITY("ROW SECURITY", Section.POST_DATA, 34),
    PUBLICATION("PUBLICATION", Section.POST_DATA, 35),
    PUBLICATION_TABLE("PUBLICATION TABLE", Section.POST_DATA, 36),
    PUBLICATION_TABLES_IN_SCHEMA("PUBLICATION TABLES IN SCHEMA", Section.POST_DATA, 37),
    DEFAULT_ACL("DEFAULT ACL", Section.POST_DATA, 40),
    EVENT_TRIGGER("EVENT TRIGGER", Section.POST_DATA, 41),
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
