package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench-events.sql}, the data behind the performance targets: one poorly compressible mixed-type table
 * with two indexes, its 3M rows times the scale times a multiplier. With a multiplier above 1 ("huge") a few
 * small lookup tables come along, so the database is dominated by one table but is not only that table.
 */
final class EventsDataSet implements DataSet {
    private static final long ROWS_AT_SCALE_ONE = 3_000_000;
    private static final String ROWS_IN_SCRIPT = "generate_series(1,3000000)";
    private static final int SMALL_TABLES = 3;
    private static final int SMALL_TABLE_ROWS = 1000;

    private final String name;
    private final Path script;
    private final int multiplier;

    EventsDataSet(String name, Path script, int multiplier) {
        this.name = name;
        this.script = script;
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe(double scale) {
        String events = "`events` (bench-events.sql), " + rows(scale) + " rows, two indexes";
        return multiplier == 1 ? events : events + ", plus " + SMALL_TABLES + " tables of " + SMALL_TABLE_ROWS + " rows";
    }

    private long rows(double scale) {
        return DataSet.scaled(ROWS_AT_SCALE_ONE * multiplier, scale, 1000);
    }

    @Override
    public void load(EmbeddedPostgres pg, String database, double scale) throws Exception {
        String sql = Files.readString(script);
        if (!sql.contains(ROWS_IN_SCRIPT)) {
            throw new IllegalStateException(script + " no longer contains \"" + ROWS_IN_SCRIPT + "\": update EventsDataSet");
        }
        pg.execute(database, sql.replace(ROWS_IN_SCRIPT, "generate_series(1," + rows(scale) + ")"));
        if (multiplier > 1) {
            for (int i = 1; i <= SMALL_TABLES; i++) {
                pg.execute(database, "CREATE TABLE lookup_" + i + " (id int PRIMARY KEY, label text NOT NULL, weight numeric(8,3));"
                        + "INSERT INTO lookup_" + i + " SELECT g, md5(g::text), g / 7.0 FROM generate_series(1," + SMALL_TABLE_ROWS + ") g");
            }
        }
    }
}
