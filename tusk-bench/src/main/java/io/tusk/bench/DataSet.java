package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;

/** One benchmark database, built the same way for every contender. */
interface DataSet {
    /** The database name, and the name {@code --only} takes. */
    String name();

    /** What it holds at this scale, for the results. */
    String describe(double scale);

    /** Creates and fills the tables in {@code database}, which exists and is empty. */
    void load(EmbeddedPostgres pg, String database, double scale) throws Exception;

    static List<DataSet> all(Path shared) {
        Path events = shared.resolve("samples/bench-events.sql");
        return List.of(new EventsDataSet("events", events, 1), new SmallTablesDataSet(), new WideTableDataSet(),
                new EventsDataSet("huge", events, 2));
    }

    static long scaled(long atScaleOne, double scale, long minimum) {
        return Math.max(minimum, Math.round(atScaleOne * scale));
    }
}
