package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;

/** Many small tables with primary keys: per-table overhead (catalog queries, COPY round trips, TOC entries). */
final class SmallTablesDataSet implements DataSet {
    private static final long TABLES_AT_SCALE_ONE = 1000;
    private static final int ROWS_PER_TABLE = 200;

    @Override
    public String name() {
        return "small";
    }

    @Override
    public String describe(double scale) {
        return tables(scale) + " tables of " + ROWS_PER_TABLE + " rows, each with a primary key";
    }

    private static long tables(double scale) {
        return DataSet.scaled(TABLES_AT_SCALE_ONE, scale, 20);
    }

    @Override
    public void load(EmbeddedPostgres pg, String database, double scale) {
        pg.execute(database, "DO $$ BEGIN FOR i IN 1.." + tables(scale) + " LOOP"
                + " EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, name text NOT NULL, qty int,"
                + " price numeric(10,2), updated timestamptz)', i);"
                + " EXECUTE format('INSERT INTO t%s SELECT g, md5(random()::text), (random()*100)::int,"
                + " (random()*1000)::numeric(10,2), now() - random() * interval ''30 days'' FROM generate_series(1,"
                + ROWS_PER_TABLE + ") g', i);"
                + " END LOOP; END $$");
    }
}
