///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/migrate/package-info.java
//SOURCES ../lib/trading/seed/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java
//SOURCES support/*.java
//SOURCES ../tests/support/ReadmeSampleQuery.java

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Do the schema's four sample queries (docs/seeding-and-queries.md) use its indexes at a million
 * recommendations? Loads COUNT synthetic recommendations (default 1,000,000; about 3
 * targets each, 30% with an option idea) into a throwaway PostgreSQL 15 that has
 * migrations 001 and 002, then for each query prints the key lines of
 * {@code EXPLAIN (ANALYZE, BUFFERS)} and its median time against the same query with
 * index scans switched off (the baseline), and checks that {@code recommendations} is
 * not read by a sequential scan. Exits 1 when one is.
 *
 * <pre>./jbang bench/SchemaPlansBench.java [COUNT] [REPEATS]</pre>
 */
public class SchemaPlansBench {
    /**
     * Synthetic rows made with INSERT ... SELECT generate_series, independent of seed.java.
     * pg_temp.u(i, k) is the k-th uniform number in [0, 1) of row i, from a hash, so the
     * same COUNT gives the same rows (dates excepted: they are relative to now()). Keys
     * are spread like random UUIDs, because where a key falls in index order decides how
     * much of a GROUP BY reco_id the README's last query reads before its LIMIT stops it.
     * 500 symbols with a skew (the most common, AAPL, gets about 0.8%), 4 horizons,
     * BUY 45% / SELL 30% / HOLD 25%, asof spread over a year, confidences peaking at 0.65.
     */
    static final String LOAD = """
            CREATE FUNCTION pg_temp.u(i bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE
                AS $$ SELECT (hashint8($1 * 64 + $2)::float8 + 2147483648) / 4294967296 $$;

            CREATE TEMPORARY TABLE plan_rows AS
            SELECT i, reco_id, u,
                   CASE WHEN rank < 20
                        THEN (ARRAY['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'AMD', 'NFLX', 'JPM',
                                    'V', 'MA', 'XOM', 'UNH', 'HD', 'KO', 'PEP', 'COST', 'AVGO', 'ORCL'])[rank + 1]
                        ELSE 'SYM' || lpad(rank::text, 3, '0') END AS symbol,
                   CASE WHEN u[3] < 0.30 THEN 'day' WHEN u[3] < 0.60 THEN 'swing'
                        WHEN u[3] < 0.85 THEN '1-2 months' ELSE '3-6 months' END AS horizon,
                   CASE WHEN u[4] < 0.45 THEN 'BUY' WHEN u[4] < 0.75 THEN 'SELL' ELSE 'HOLD' END AS side,
                   round(((20 + (hashint4(rank) & 1023)) * (0.85 + 0.3 * u[5]))::numeric, 2) AS entry_price,
                   round((0.30 + 0.69 * (u[6] + u[7]) / 2)::numeric, 2) AS confidence,
                   now() - u[2] * interval '365 days' AS asof,
                   1 + floor(u[8] * 5)::int AS target_count,
                   u[9] < 0.30 AS has_option,
                   1 + floor(u[10] * 3)::int AS option_target_count
            FROM (SELECT i,
                         md5('plans' || i)::uuid AS reco_id,
                         floor(500 * power(pg_temp.u(i, 1), 1.3))::int AS rank,
                         ARRAY(SELECT pg_temp.u(i, k) FROM generate_series(1, 12) AS k) AS u
                  FROM generate_series(1, %d) AS i) AS g;

            INSERT INTO recommendations
                (reco_id, asof, symbol, horizon, side, entry_price, confidence_overall, expected_move_pct, rationale, quality)
            SELECT reco_id, asof, symbol, horizon, side, entry_price, confidence,
                   round(((CASE side WHEN 'BUY' THEN 1 WHEN 'SELL' THEN -1 ELSE 0.1 END) * (1 + 14 * u[11]))::numeric, 1),
                   jsonb_build_object('reasoning', side || ' ' || symbol || ' on synthetic signal ' || i,
                                      'catalysts', jsonb_build_array('earnings', 'sector momentum'),
                                      'risks', jsonb_build_array('market drawdown'),
                                      'indicators', jsonb_build_object('rsi', round((30 + 40 * u[12])::numeric, 1))),
                   jsonb_build_object('score', confidence, 'analyst', 'synthetic-v1', 'data_freshness_minutes', 5)
            FROM plan_rows;

            INSERT INTO reco_targets (reco_id, ordinal, name, target_type, value, confidence, eta_minutes)
            SELECT reco_id, n, 'Target ' || n,
                   CASE n WHEN 5 THEN 'percentage' WHEN 4 THEN 'technical' ELSE 'price' END,
                   CASE n WHEN 5 THEN 12.5
                          ELSE round(entry_price * (1 + (CASE side WHEN 'SELL' THEN -0.03 ELSE 0.03 END) * n), 2) END,
                   round(greatest(0.05, confidence - 0.12 * n), 2),
                   (CASE horizon WHEN 'day' THEN 60 WHEN 'swing' THEN 1440 WHEN '1-2 months' THEN 10080 ELSE 40320 END) * n
            FROM plan_rows, generate_series(1, target_count) AS n;

            INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price, greeks, iv)
            SELECT reco_id, option_type, CURRENT_DATE + 7 + floor(u[11] * 180)::int, round(entry_price),
                   round(entry_price * 0.04, 2) + 0.05,
                   jsonb_build_object('delta', round(((CASE option_type WHEN 'CALL' THEN 1 ELSE -1 END)
                                                      * (0.25 + 0.5 * u[12]))::numeric, 2),
                                      'gamma', 0.02, 'theta', -0.05, 'vega', 0.15, 'rho', 0.03),
                   jsonb_build_object('iv', round((0.2 + 0.5 * u[10])::numeric, 2))
            FROM (SELECT *, CASE WHEN side = 'SELL' OR (side = 'HOLD' AND u[11] < 0.5) THEN 'PUT' ELSE 'CALL' END
                            AS option_type
                  FROM plan_rows WHERE has_option) AS with_type;

            INSERT INTO option_targets (reco_id, ordinal, name, value, confidence, eta_minutes)
            SELECT o.reco_id, n, 'Premium ' || n, round(o.option_entry_price * (1 + 0.5 * n), 2),
                   round(0.7 - 0.15 * n, 2), 1440 * n
            FROM plan_rows p JOIN option_ideas o USING (reco_id), generate_series(1, p.option_target_count) AS n;

            DROP TABLE plan_rows;
            """;

    /**
     * Not one of the README's queries: its last query with the targets fetched per row
     * (LATERAL) instead of aggregated for the whole table in CTEs and joined afterwards.
     * PostgreSQL does not push a join key into a grouped subquery, so no index can spare
     * the README's form that work; this form is what a tool should run. Measured for
     * comparison.
     */
    static final String COMPLETE_RECOMMENDATION_LATERAL = """
            SELECT r.*, t.target_list,
                   o.option_type, o.strike, o.expiry, o.option_entry_price, o.greeks,
                   ot.option_target_list
            FROM recommendations r
            LEFT JOIN option_ideas o ON r.reco_id = o.reco_id
            LEFT JOIN LATERAL (
                SELECT json_agg(json_build_object('ordinal', ordinal, 'name', name, 'value', value,
                                                  'confidence', confidence) ORDER BY ordinal) AS target_list
                FROM reco_targets WHERE reco_id = r.reco_id) t ON true
            LEFT JOIN LATERAL (
                SELECT json_agg(json_build_object('ordinal', ordinal, 'value', value, 'confidence', confidence)
                                ORDER BY ordinal) AS option_target_list
                FROM option_targets WHERE reco_id = r.reco_id) ot ON true
            WHERE r.symbol = 'NVDA'
            ORDER BY r.asof DESC
            LIMIT 1
            """;

    /** What the baseline switches off, so that the same query runs on sequential scans. */
    static final String NO_INDEXES = "SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off";
    static final String INDEXES = "RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan";

    public static void main(String... args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path migrations = migrationsDirectory();
        int exitCode;
        // Durability settings only make the load quicker; the planner does not look at them.
        try (Pg15 pg = Pg15.start("shared_buffers=256MB", "fsync=off", "synchronous_commit=off",
                "full_page_writes=off", "max_wal_size=8GB", "maintenance_work_mem=256MB")) {
            pg.createDatabase("plans");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("plans")); Statement s = c.createStatement()) {
                s.setEscapeProcessing(false);
                System.out.println(first(s, "SELECT version()"));
                s.execute(Files.readString(migrations.resolve("001_create_recommendations_tables.sql")));
                s.execute(Files.readString(migrations.resolve("002_add_sample_data.sql")));

                long start = System.nanoTime();
                s.execute(LOAD.formatted(count));
                s.execute("VACUUM ANALYZE");
                System.out.printf(Locale.ROOT, "loaded in %.0f s: %s%n%n", (System.nanoTime() - start) / 1e9, first(s,
                        "SELECT format('%s recommendations, %s targets, %s option ideas, %s option targets',"
                        + " (SELECT count(*) FROM recommendations), (SELECT count(*) FROM reco_targets),"
                        + " (SELECT count(*) FROM option_ideas), (SELECT count(*) FROM option_targets))"));

                List<String> failures = new ArrayList<>();
                for (ReadmeSampleQuery query : ReadmeSampleQuery.values()) {
                    if (!measure(s, query.title, query.sql, repeats)) {
                        failures.add(query.title);
                    }
                }
                measure(s, "For comparison, not checked: the last query with LATERAL lookups",
                        COMPLETE_RECOMMENDATION_LATERAL, repeats);
                System.out.println(failures.isEmpty()
                        ? "OK: no plan reads recommendations with a sequential scan."
                        : "FAILED: a sequential scan of recommendations in: " + String.join("; ", failures));
                exitCode = failures.isEmpty() ? 0 : 1;
            }
        }
        System.exit(exitCode);
    }

    /** Prints the plan and timings of one query; returns false when it scans recommendations sequentially. */
    static boolean measure(Statement s, String title, String sql, int repeats) throws SQLException {
        System.out.println("== " + title);
        List<String> plan = lines(s, "EXPLAIN (ANALYZE, BUFFERS) " + sql);
        boolean buffersShown = false;
        for (int i = 0; i < plan.size(); i++) {
            String line = plan.get(i);
            String trimmed = line.strip();
            boolean buffers = trimmed.startsWith("Buffers:") && !buffersShown;
            buffersShown |= buffers;
            if (i == 0 || trimmed.startsWith("->") || trimmed.startsWith("Index Cond:") || buffers
                    || trimmed.startsWith("Execution Time:")) {
                System.out.println("   " + line.replaceAll("\\s*\\(cost=[^)]*\\)", ""));
            }
        }
        boolean sequential = plan.stream().anyMatch(l -> l.contains("Seq Scan on recommendations "));

        double withIndexes = medianMillis(s, sql, repeats);
        s.execute(NO_INDEXES);
        double baseline = medianMillis(s, sql, Math.max(3, repeats / 2));
        s.execute(INDEXES);
        System.out.printf(Locale.ROOT, "   median %.1f ms (%d runs); with index scans off %.1f ms: %.1fx faster with the indexes%n",
                withIndexes, repeats, baseline, baseline / withIndexes);
        System.out.println(sequential ? "   CHECK FAILED: recommendations is read by a sequential scan"
                : "   check passed: recommendations is read through an index");
        System.out.println();
        return !sequential;
    }

    /** The median wall time of running {@code sql} and reading every row, after one warm-up run. */
    static double medianMillis(Statement s, String sql, int repeats) throws SQLException {
        lines(s, sql);
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            lines(s, sql);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[repeats / 2];
    }

    /** The first column of every row, read to the end. */
    static List<String> lines(Statement s, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    static String first(Statement s, String sql) throws SQLException {
        return lines(s, sql).get(0);
    }

    /** {@code migrations/} of this checkout: from TRADING_ROOT (set by ./jbang), else upwards from here. */
    static Path migrationsDirectory() {
        String root = System.getenv("TRADING_ROOT");
        for (Path dir = Path.of(root != null ? root : "").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("migrations/001_create_recommendations_tables.sql"))) {
                return dir.resolve("migrations");
            }
        }
        throw new IllegalStateException("no migrations/001_create_recommendations_tables.sql here or above;"
                + " run this from the trading-db checkout");
    }
}
