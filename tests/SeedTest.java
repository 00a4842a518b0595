import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trading.db.Database;
import trading.seed.RecommendationSeeder;
import trading.seed.SeedListener;
import trading.seed.SeedResult;
import trading.seed.SeedSettings;
import trading.seed.SeedTable;
import trading.seed.Ticker;

/**
 * seed against a real PostgreSQL: every invariant of the generated data checked with
 * SQL on 2,000 seeded recommendations, reproducibility, --truncate, adding without key
 * clashes, and failures part-way that must leave only whole batches.
 */
class SeedTest {
    static final int COUNT = 2_000;
    static final String ANCHOR = LocalDate.now(ZoneOffset.UTC).toString();
    /** Leaves out the sample rows of 002, which have fixed keys. */
    static final String SEEDED_ONLY = " WHERE reco_id::text NOT LIKE '5a3f0001-%'";
    static String url;
    static Commands.Result seeded;

    @BeforeAll
    static void seedOnce() {
        url = migratedDatabase("seed");
        seeded = Commands.run("seed", "--url", url, "--count", String.valueOf(COUNT), "--random-seed", "11",
                "--anchor-date", ANCHOR, "--batch-size", "500", "--truncate");
        assertEquals(0, seeded.exitCode(), seeded.toString());
    }

    @Test
    void summaryAndProgressAreReported() throws SQLException {
        assertTrue(seeded.out().contains("Seeded 2,000 recommendations"), seeded.out());
        assertTrue(seeded.out().contains("rows/s"), seeded.out());
        for (SeedTable table : SeedTable.values()) {
            long rows = count(url, "SELECT count(*) FROM " + table.tableName());
            assertTrue(seeded.out().matches("(?s).*\\n" + table.tableName() + " +" + String.format(java.util.Locale.ROOT, "%,d", rows) + "\\n.*"),
                    table.tableName() + " has " + rows + " rows, summary says:\n" + seeded.out());
        }
        assertTrue(seeded.err().contains("seed: 500/2,000 recommendations (25%)"), seeded.err());
        assertTrue(seeded.err().contains("seed: 2,000/2,000 recommendations (100%)"), seeded.err());
        assertTrue(seeded.err().contains("rows/s, ETA "), seeded.err());
    }

    @Test
    void truncateRemovedTheSampleRowsAndLoadedExactlyTheCount() throws SQLException {
        assertEquals(COUNT, count(url, "SELECT count(*) FROM recommendations"));
        assertEquals(0, count(url, "SELECT count(*) FROM recommendations WHERE reco_id::text LIKE '5a3f0001-%'"));
    }

    @Test
    void everyRecommendationHasOneToFiveTargetsWithContiguousOrdinals() throws SQLException {
        assertEquals(0, count(url, """
                SELECT count(*) FROM recommendations r
                LEFT JOIN (SELECT reco_id, count(*) n, min(ordinal) lo, max(ordinal) hi FROM reco_targets GROUP BY reco_id) t
                  USING (reco_id)
                WHERE t.n IS NULL OR t.n NOT BETWEEN 1 AND 5 OR t.lo <> 1 OR t.hi <> t.n"""));
        assertEquals(5, count(url, "SELECT count(DISTINCT n) FROM (SELECT count(*) n FROM reco_targets GROUP BY reco_id) x"),
                "ladders of every length from 1 to 5 occur");
        assertEquals(0, count(url, """
                SELECT count(*) FROM option_ideas o
                LEFT JOIN (SELECT reco_id, count(*) n, min(ordinal) lo, max(ordinal) hi FROM option_targets GROUP BY reco_id) t
                  USING (reco_id)
                WHERE t.n IS NULL OR t.n NOT BETWEEN 1 AND 3 OR t.lo <> 1 OR t.hi <> t.n"""));
    }

    @Test
    void aboutThirtyPercentHaveAnOptionIdea() throws SQLException {
        long options = count(url, "SELECT count(*) FROM option_ideas");
        assertTrue(options > COUNT * 0.25 && options < COUNT * 0.35, options + " option ideas for " + COUNT);
    }

    @Test
    void symbolsAreRealTickersAndPricesStayInTheirRanges() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (Ticker t : Ticker.UNIVERSE) {
            rows.add("('" + t.symbol() + "', " + t.lowCents() / 100.0 + ", " + t.highCents() / 100.0 + ")");
        }
        assertEquals(0, count(url, "SELECT count(*) FROM recommendations r"
                + " LEFT JOIN (VALUES " + String.join(", ", rows) + ") AS k(symbol, lo, hi) USING (symbol)"
                + " WHERE k.symbol IS NULL OR r.entry_price NOT BETWEEN k.lo AND k.hi"));
        assertTrue(count(url, "SELECT count(DISTINCT symbol) FROM recommendations") > 40);
    }

    @Test
    void buyTargetsLieAboveEntrySellTargetsBelowAndLaddersMoveAway() throws SQLException {
        // A percentage target is a move from entry, signed like the move.
        String implied = """
                WITH t AS (
                  SELECT r.side, r.entry_price, t.ordinal, t.target_type, t.name,
                         CASE t.target_type WHEN 'percentage' THEN r.entry_price * (1 + t.value / 100) ELSE t.value END AS price
                  FROM reco_targets t JOIN recommendations r USING (reco_id))
                """;
        assertEquals(0, count(url, implied + "SELECT count(*) FROM t WHERE side = 'BUY' AND price <= entry_price"));
        assertEquals(0, count(url, implied + "SELECT count(*) FROM t WHERE side = 'SELL' AND (price >= entry_price OR price <= 0)"));
        assertEquals(0, count(url, implied + "SELECT count(*) FROM t WHERE side = 'HOLD' AND NOT ("
                + "(name = 'Range high' AND price > entry_price) OR (name = 'Range low' AND price < entry_price))"));
        assertEquals(0, count(url, """
                SELECT count(*) FROM (
                  SELECT r.side, t.ordinal,
                         CASE t.target_type WHEN 'percentage' THEN r.entry_price * (1 + t.value / 100) ELSE t.value END AS price,
                         lag(CASE t.target_type WHEN 'percentage' THEN r.entry_price * (1 + t.value / 100) ELSE t.value END)
                           OVER (PARTITION BY t.reco_id ORDER BY t.ordinal) AS previous
                  FROM reco_targets t JOIN recommendations r USING (reco_id) WHERE r.side <> 'HOLD') x
                WHERE previous IS NOT NULL AND ((side = 'BUY' AND price <= previous) OR (side = 'SELL' AND price >= previous))"""));
        assertEquals(0, count(url, "SELECT count(*) FROM recommendations WHERE (side = 'BUY' AND expected_move_pct <= 0)"
                + " OR (side = 'SELL' AND expected_move_pct >= 0)"));
        assertEquals(3, count(url, "SELECT count(DISTINCT target_type) FROM reco_targets"), "price, percentage and technical");
    }

    @Test
    void confidencesAreInRangeAndFallAlongEachLadder() throws SQLException {
        assertEquals(0, count(url, "SELECT count(*) FROM recommendations WHERE confidence_overall NOT BETWEEN 0 AND 1"));
        for (String table : List.of("reco_targets", "option_targets")) {
            assertEquals(0, count(url, "SELECT count(*) FROM " + table + " WHERE confidence NOT BETWEEN 0 AND 1"), table);
            assertEquals(0, count(url, "SELECT count(*) FROM (SELECT confidence, lag(confidence) OVER"
                    + " (PARTITION BY reco_id ORDER BY ordinal) AS previous FROM " + table + ") x"
                    + " WHERE confidence >= previous"), "later rungs of " + table + " are less confident");
        }
        assertEquals(0, count(url, "SELECT count(*) FROM reco_targets t JOIN recommendations r USING (reco_id)"
                + " WHERE t.ordinal = 1 AND t.confidence > r.confidence_overall"));
    }

    @Test
    void horizonsAreTheDesignsAndTimesFitTheAnchor() throws SQLException {
        assertEquals(List.of("1-2 months", "day", "swing"),
                strings(url, "SELECT DISTINCT horizon FROM recommendations ORDER BY 1"));
        assertEquals(0, count(url, "SELECT count(*) FROM recommendations WHERE asof >= DATE '" + ANCHOR + "'"
                + " OR asof < DATE '" + ANCHOR + "' - 365"));
        assertEquals(0, count(url, "SELECT count(*) FROM reco_targets WHERE eta_minutes < 0"));
    }

    @Test
    void rationaleAndQualityCarryReasoningCatalystsRisksIndicatorsAndAnalystInfo() throws SQLException {
        assertEquals(0, count(url, """
                SELECT count(*) FROM recommendations WHERE NOT (
                  jsonb_typeof(rationale->'reasoning') = 'string' AND length(rationale->>'reasoning') > 20
                  AND rationale->>'reasoning' LIKE '%' || symbol || '%'
                  AND jsonb_typeof(rationale->'catalysts') = 'array'
                  AND jsonb_typeof(rationale->'risks') = 'array' AND jsonb_array_length(rationale->'risks') >= 1
                  AND jsonb_typeof(rationale->'indicators') = 'object'
                  AND (rationale->'indicators'->>'rsi')::numeric BETWEEN 0 AND 100
                  AND jsonb_typeof(quality->'score') = 'number'
                  AND (quality->>'score')::numeric BETWEEN 0 AND 1
                  AND jsonb_typeof(quality->'analyst') = 'string'
                  AND jsonb_typeof(quality->'analyst_consensus') = 'object'
                  AND (quality->'analyst_consensus'->>'analysts')::int > 0)"""));
    }

    @Test
    void optionIdeasAreConsistentWithTheirRecommendation() throws SQLException {
        assertEquals(0, count(url, "SELECT count(*) FROM option_ideas o JOIN recommendations r USING (reco_id)"
                + " WHERE NOT ((r.side = 'BUY' AND o.option_type = 'CALL') OR (r.side = 'SELL' AND o.option_type = 'PUT'))"));
        assertEquals(0, count(url, """
                SELECT count(*) FROM option_ideas WHERE NOT (
                  (option_type = 'CALL' AND (greeks->>'delta')::numeric > 0 AND (greeks->>'delta')::numeric < 1)
                  OR (option_type = 'PUT' AND (greeks->>'delta')::numeric > -1 AND (greeks->>'delta')::numeric < 0))"""));
        assertEquals(0, count(url, """
                SELECT count(*) FROM option_ideas WHERE NOT (
                  jsonb_typeof(greeks) = 'object' AND greeks ?& array['delta', 'gamma', 'theta', 'vega', 'rho']
                  AND (greeks->>'gamma')::numeric >= 0 AND (greeks->>'theta')::numeric <= 0 AND (greeks->>'vega')::numeric >= 0
                  AND jsonb_typeof(iv) = 'object' AND (iv->>'iv')::numeric > 0
                  AND strike > 0 AND option_entry_price > 0)"""));
        assertEquals(0, count(url, "SELECT count(*) FROM option_ideas WHERE expiry <= CURRENT_DATE"
                + " OR expiry <= DATE '" + ANCHOR + "' OR extract(isodow FROM expiry) <> 5"));
        assertEquals(0, count(url, """
                SELECT count(*) FROM (
                  SELECT t.value, lag(t.value, 1, o.option_entry_price) OVER (PARTITION BY t.reco_id ORDER BY t.ordinal) AS previous
                  FROM option_targets t JOIN option_ideas o USING (reco_id)) x
                WHERE value <= previous"""), "premium targets climb above the entry premium");
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedDoesNot() throws SQLException {
        String twin = migratedDatabase("seed_twin");
        Commands.Result again = Commands.run("seed", "--url", twin, "--count", String.valueOf(COUNT), "--random-seed", "11",
                "--anchor-date", ANCHOR, "--batch-size", "700", "--truncate");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(fingerprints(url), fingerprints(twin), "same seed, other batch size: the same rows");

        Commands.Result other = Commands.run("seed", "--url", twin, "--count", String.valueOf(COUNT), "--random-seed", "12",
                "--anchor-date", ANCHOR, "--truncate");
        assertEquals(0, other.exitCode(), other.toString());
        List<String> a = fingerprints(url);
        List<String> b = fingerprints(twin);
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i), b.get(i), SeedTable.values()[i].tableName());
        }
    }

    @Test
    void withoutTruncateASecondLoadOfTheSameSeedAddsRowsWithFreshKeys() throws Exception {
        String db = migratedDatabase("seed_add");
        long sample = count(db, "SELECT count(*) FROM recommendations");
        assertTrue(sample > 0, "002 added sample rows");
        Commands.Result first = Commands.run("seed", "--url", db, "--count", "300", "--random-seed", "5");
        Commands.Result second = Commands.run("seed", "--url", db, "--count", "300", "--random-seed", "5", "--json");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(sample + 600, count(db, "SELECT count(*) FROM recommendations"));
        assertTrue(second.err().contains("generation 1"), second.err());
        JsonNode summary = new ObjectMapper().readTree(second.out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(300, summary.path("rows").path("recommendations").asLong(), second.out());
        assertEquals(1, summary.path("generation").asLong());
        assertEquals(summary.path("total_rows").asLong(), summary.path("rows").path("recommendations").asLong()
                + summary.path("rows").path("reco_targets").asLong() + summary.path("rows").path("option_ideas").asLong()
                + summary.path("rows").path("option_targets").asLong());
        assertTrue(summary.path("rows_per_second").asLong() > 0);

        Commands.Result truncated = Commands.run("seed", "--url", db, "--count", "300", "--random-seed", "5", "--truncate");
        assertEquals(0, truncated.exitCode(), truncated.toString());
        assertEquals(300, count(db, "SELECT count(*) FROM recommendations"));
        assertTrue(truncated.out().contains("generation 0"), truncated.out());
    }

    @Test
    void aConstraintFailurePartWayLeavesOnlyTheCommittedBatches() throws SQLException {
        // A real server-side failure: the 1,200th target row breaks a (test-only) rule, inside batch 3.
        String db = migratedDatabase("seed_fail");
        Commands.Result r = seedThousand(db, 200, "reco_targets", 1200,
                "RAISE EXCEPTION 'test rule: row 1200 refused' USING ERRCODE = 'check_violation'");
        assertEquals(1, r.exitCode(), r.toString());
        long loaded = count(db, "SELECT count(*) FROM recommendations" + SEEDED_ONLY);
        assertEquals(0, loaded % 200, "only whole batches: " + loaded);
        assertTrue(loaded > 0 && loaded < 1000, "it stopped part-way: " + loaded);
        long batches = loaded / 200;
        assertTrue(r.err().contains("Seeding stopped in batch " + (batches + 1) + " of 5"), r.err());
        assertTrue(r.err().contains("Batch " + (batches + 1) + " was rolled back"), r.err());
        assertTrue(r.err().contains("test rule: row 1200 refused"), r.err());
        assertTrue(r.err().contains("--count " + (1000 - loaded)), r.err());
        assertReportedCountsMatch(db, r.err(), batches, loaded);
    }

    @Test
    void aConnectionLostPartWayExitsFiveAndLeavesOnlyTheCommittedBatches() throws SQLException {
        // The server ends the seeding session itself, as an administrator or a crash would.
        String db = migratedDatabase("seed_lost");
        Commands.Result r = seedThousand(db, 300, "recommendations", 700, "PERFORM pg_terminate_backend(pg_backend_pid())");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Seeding stopped in batch 3 of 4"), r.err());
        assertEquals(600, count(db, "SELECT count(*) FROM recommendations" + SEEDED_ONLY));
        assertReportedCountsMatch(db, r.err(), 2, 600);
    }

    @Test
    void theLibraryReportsEachBatchAndReturnsWhatItLoaded() throws SQLException {
        String db = migratedDatabase("seed_api");
        List<Long> progress = new ArrayList<>();
        SeedResult result;
        try (Database database = Database.open(db, "seed-test")) {
            result = RecommendationSeeder.seed(database,
                    SeedSettings.of(450).withBatchSize(100).withRandomSeed(9).withTruncate(true),
                    new SeedListener() {
                        @Override
                        public void batchCommitted(SeedResult soFar) {
                            progress.add(soFar.rows().recommendations());
                        }
                    });
        }
        assertEquals(List.of(100L, 200L, 300L, 400L, 450L), progress);
        assertTrue(result.complete());
        assertEquals(5, result.batches());
        for (SeedTable table : SeedTable.values()) {
            assertEquals(count(db, "SELECT count(*) FROM " + table.tableName()), result.rows().rows(table), table.tableName());
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws SQLException {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Commands.Result past = Commands.run("seed", "--url", url, "--count", "10", "--anchor-date", yesterday);
        assertEquals(2, past.exitCode(), past.toString());
        assertTrue(past.err().contains("in the past"), past.err());
        assertEquals(2, Commands.run("seed", "--url", url, "--count", "0").exitCode());
        assertEquals(2, Commands.run("seed", "--url", url, "--count", "10", "--anchor-date", "29/11/2026").exitCode());
        assertEquals(2, Commands.run("seed", "--url", url).exitCode(), "--count is required");
        assertEquals(COUNT, count(url, "SELECT count(*) FROM recommendations"));

        String empty = TestPostgres.get().newDatabase("seed_noschema");
        Commands.Result noSchema = Commands.run("seed", "--url", empty, "--count", "10");
        assertEquals(1, noSchema.exitCode(), noSchema.toString());
        assertTrue(noSchema.err().contains("migrate@trading"), noSchema.err());
    }

    @Test
    void optionsOutOfRangeAreRefusedWithExitTwoBeforeTheDatabaseIsOpened() {
        // Nothing listens on port 1: a refusal that came after connecting would be exit 5.
        String nowhere = "postgresql://nobody@127.0.0.1:1/nothing";
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--anchor-date", "+99999-01-01"), "write it as YYYY-MM-DD");
        cases.put(List.of("--anchor-date", "2201-01-01"), "up to 2200-12-31");
        cases.put(List.of("--anchor-date", "9999-12-31"), "up to 2200-12-31");
        cases.put(List.of("--anchor-date", "1899-12-31"), "in the past");
        cases.put(List.of("--anchor-date", "2026-02-30"), "write it as YYYY-MM-DD");
        cases.put(List.of("--count", "0"), "--count must be from 1 to 1,000,000,000");
        cases.put(List.of("--count", "1000000001"), "--count must be from 1 to 1,000,000,000");
        cases.put(List.of("--count", "9223372036854775807"), "--count must be from 1");
        cases.put(List.of("--batch-size", "0"), "--batch-size must be from 1 to 100,000");
        cases.put(List.of("--batch-size", "100001"), "--batch-size must be from 1 to 100,000");
        cases.forEach((option, message) -> {
            List<String> args = new ArrayList<>(List.of("--url", nowhere));
            args.addAll(option);
            if (!option.contains("--count")) {
                args.addAll(List.of("--count", "10"));
            }
            Commands.Result r = Commands.run("seed", args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), option + ": " + r);
            assertTrue(r.err().contains(message), option + ": " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        });
        assertEquals(LocalDate.of(2200, 12, 31), SeedSettings.of(1).withAnchorDate(LocalDate.of(2200, 12, 31)).anchorDate(),
                "the last day of the range is accepted");
    }

    /**
     * Seeds 1,000 recommendations in batches of {@code batchSize} while a test-only trigger
     * runs {@code action} when the {@code nth} row from now is inserted into {@code table}.
     */
    private static Commands.Result seedThousand(String db, int batchSize, String table, int nth, String action)
            throws SQLException {
        execute(db, "CREATE SEQUENCE seed_test_rows;"
                + " CREATE FUNCTION seed_test_hook() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF nextval('seed_test_rows') = " + nth + " THEN " + action + "; END IF; RETURN NEW; END $$;"
                + " CREATE TRIGGER seed_test_hook BEFORE INSERT ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION seed_test_hook();");
        return Commands.run("seed", "--url", db, "--count", "1000", "--batch-size", String.valueOf(batchSize));
    }

    /** The failure message's "Committed before it" line matches the database, table by table. */
    private static void assertReportedCountsMatch(String db, String err, long batches, long loaded) throws SQLException {
        Matcher m = Pattern.compile("Committed before it: (\\d+) complete batch(?:es)? = (\\d+) recommendations, (\\d+) targets,"
                + " (\\d+) option ideas, (\\d+) option targets").matcher(err);
        assertTrue(m.find(), err);
        assertEquals(batches, Long.parseLong(m.group(1)));
        assertEquals(loaded, Long.parseLong(m.group(2)));
        assertEquals(loaded, count(db, "SELECT count(*) FROM recommendations" + SEEDED_ONLY));
        assertEquals(Long.parseLong(m.group(3)), count(db, "SELECT count(*) FROM reco_targets" + SEEDED_ONLY));
        assertEquals(Long.parseLong(m.group(4)), count(db, "SELECT count(*) FROM option_ideas" + SEEDED_ONLY));
        assertEquals(Long.parseLong(m.group(5)), count(db, "SELECT count(*) FROM option_targets" + SEEDED_ONLY));
        assertEquals(0, count(db, "SELECT count(*) FROM recommendations r" + SEEDED_ONLY + " AND NOT EXISTS"
                + " (SELECT 1 FROM reco_targets t WHERE t.reco_id = r.reco_id)"), "no recommendation lost its ladder");
    }

    /** md5 of every table's rows in key order: equal fingerprints mean identical content. */
    private static List<String> fingerprints(String db) throws SQLException {
        List<String> result = new ArrayList<>();
        for (SeedTable table : SeedTable.values()) {
            String order = table == SeedTable.RECOMMENDATIONS || table == SeedTable.OPTION_IDEAS ? "reco_id" : "reco_id, ordinal";
            result.addAll(strings(db, "SELECT md5(string_agg(t::text, E'\\n' ORDER BY " + order + ")) FROM "
                    + table.tableName() + " t"));
        }
        return result;
    }

    private static String migratedDatabase(String hint) {
        String db = TestPostgres.get().newDatabase(hint);
        Commands.Result migrated = Commands.run("migrate", "--url", db);
        assertEquals(0, migrated.exitCode(), migrated.toString());
        return db;
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static List<String> strings(String db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void execute(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
