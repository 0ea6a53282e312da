package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.util.StringJoiner;

/**
 * One very wide table: a bigint key and 399 columns cycling through eight types, every tenth column 10% NULL.
 * Per-column costs: COPY text formatting on the server, per-field work in the client. About 3 KB a row.
 */
final class WideTableDataSet implements DataSet {
    private static final int COLUMNS = 400;
    private static final long ROWS_AT_SCALE_ONE = 50_000;
    /** Type and value expression, cycled over the columns. */
    private static final String[][] KINDS = {
            {"int", "(random() * 1000000)::int"},
            {"bigint", "(random() * 1e12)::bigint"},
            {"text", "substr(md5(random()::text), 1, 4 + (random() * 28)::int)"},
            {"numeric(12,2)", "(random() * 10000)::numeric(12,2)"},
            {"timestamptz", "now() - random() * interval '365 days'"},
            {"boolean", "random() < 0.5"},
            {"double precision", "random()"},
            {"date", "current_date - (random() * 3650)::int"},
    };

    @Override
    public String name() {
        return "wide";
    }

    @Override
    public String describe(double scale) {
        return "one table of " + COLUMNS + " columns (8 types), " + rows(scale) + " rows";
    }

    private static long rows(double scale) {
        return DataSet.scaled(ROWS_AT_SCALE_ONE, scale, 1000);
    }

    @Override
    public void load(EmbeddedPostgres pg, String database, double scale) {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE wide (id bigint PRIMARY KEY, ", ")");
        StringJoiner values = new StringJoiner(", ", "INSERT INTO wide SELECT g, ", " FROM generate_series(1," + rows(scale) + ") g");
        for (int i = 1; i < COLUMNS; i++) {
            String[] kind = KINDS[i % KINDS.length];
            columns.add("c" + i + " " + kind[0]);
            values.add(i % 10 == 0 ? "CASE WHEN random() < 0.1 THEN NULL ELSE " + kind[1] + " END" : kind[1]);
        }
        pg.execute(database, columns.toString());
        pg.execute(database, values.toString());
    }
}
