package io.tusk.catalog;

/**
 * A catalog object as pg_depend names it: the oid of its system catalog and its own oid. Objects Tusk makes up
 * (table data, attach statements) use {@link #synthetic(long)} ids, which no catalog row refers to.
 */
public record ObjectId(long classOid, long objOid) {
    private static final long SYNTHETIC_CLASS = -1;

    public static ObjectId synthetic(long serial) {
        return new ObjectId(SYNTHETIC_CLASS, serial);
    }

    public boolean isSynthetic() {
        return classOid == SYNTHETIC_CLASS;
    }
}
