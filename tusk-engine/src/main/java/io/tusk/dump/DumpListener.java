package io.tusk.dump;

/** Progress of a dump: objects as they are written, table data as it streams. All methods default to doing nothing. */
public interface DumpListener {
    DumpListener NONE = new DumpListener() {
    };

    default void objectWritten(String desc, String name) {
    }

    /** A table's data starts; the estimates come from the catalog (reltuples, relpages) and may be 0. */
    default void tableStarted(String qualifiedName, long estimatedRows, long estimatedBytes) {
    }

    /** Called as data streams, at most every few hundred milliseconds, and once at the end of the table. */
    default void tableProgress(String qualifiedName, long rows, long bytes, boolean done) {
    }

    default void message(String text) {
    }
}
