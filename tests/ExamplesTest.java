import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops examples in examples/ run against a real, migrated database holding the sample
 * data plus rows each test adds for itself (under its own symbol, so tests don't interfere).
 */
class ExamplesTest {
    static String url;

    @BeforeAll
    static void migratedDatabaseWithSampleData() {
        url = TestPostgres.get().newDatabase("examples");
        Commands.Result r = Commands.run("migrate", "--url", url);
        assertEquals(0, r.exitCode(), r.toString());
    }

    // ---- ExpiringOptions

    @Test
    void expiringOptionsListsOnlyOptionsInsideTheWindowWithTheirRecommendation() throws Exception {
        insertRecommendation("EXPA", "2024-05-01T10:00:00Z", 2, 3);  // option expires in 3 days
        Commands.Result threeDays = Commands.run("ExpiringOptions", "--url", url, "--days", "3");
        assertEquals(0, threeDays.exitCode(), threeDays.toString());
        assertTrue(threeDays.out().contains("EXPA"), threeDays.out());
        assertTrue(threeDays.out().contains("1 option idea expiring within 3 days"), threeDays.out());
        String row = line(threeDays.out(), "EXPA");
        assertTrue(row.contains("CALL") && row.contains("BUY") && row.contains("0.75") && row.contains(" 3 "), row);

        Commands.Result twoDays = Commands.run("ExpiringOptions", "--url", url, "--days", "2");
        assertEquals(0, twoDays.exitCode(), twoDays.toString());
        assertFalse(twoDays.out().contains("EXPA"), twoDays.out());
        assertTrue(twoDays.out().contains("0 option ideas expiring within 2 days"), twoDays.out());

        // The sample's options expire in 21 (META), 30 (AAPL) and 45 (NVDA) days.
        Commands.Result month = Commands.run("ExpiringOptions", "--url", url, "--days", "30");
        assertTrue(month.out().contains("META") && month.out().contains("AAPL"), month.out());
        assertFalse(month.out().contains("NVDA"), month.out());
        assertTrue(month.out().indexOf("EXPA") < month.out().indexOf("META"), "soonest first:\n" + month.out());
    }

    @Test
    void expiringOptionsRejectsNegativeDays() {
        Commands.Result r = Commands.run("ExpiringOptions", "--url", url, "--days", "-1");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--days"), r.err());
    }

    // ---- DeleteBatch

    @Test
    void deleteWithYesRemovesExactlyTheBatchAndNothingElse() throws Exception {
        List<UUID> batch = List.of(
                insertRecommendation("DELA", "2024-03-01T10:00:00Z", 3, 0),
                insertRecommendation("DELA", "2024-03-01T10:30:00Z", 2, 10),
                insertRecommendation("DELA", "2024-03-01T11:59:59Z", 0, 0));
        insertRecommendation("DELA", "2024-03-01T12:00:00Z", 1, 0);   // at --to: excluded
        insertRecommendation("DELA", "2024-03-01T09:59:59Z", 1, 0);   // before --from
        insertRecommendation("DELB", "2024-03-01T10:15:00Z", 2, 10);  // other symbol, inside the range
        Map<String, TreeSet<String>> before = snapshot();

        Commands.Result r = Commands.run("DeleteBatch", "--url", url, "--symbol", "dela",
                "--from", "2024-03-01T10:00", "--to", "2024-03-01T12:00:00Z", "--yes");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(line(r.out(), "recommendations ").endsWith(" 3"), r.out());
        assertTrue(line(r.out(), "reco_targets").endsWith(" 5"), r.out());
        assertTrue(line(r.out(), "option_ideas").endsWith(" 1"), r.out());
        assertTrue(line(r.out(), "option_targets").endsWith(" 2"), r.out());
        assertTrue(r.out().contains("Deleted 3 recommendations, 5 reco_targets, 1 option_ideas and 2 option_targets."),
                r.out());

        Map<String, TreeSet<String>> after = snapshot();
        for (String table : before.keySet()) {
            TreeSet<String> expected = new TreeSet<>(before.get(table));
            expected.removeIf(key -> batch.stream().anyMatch(id -> key.startsWith(id.toString())));
            assertEquals(expected, after.get(table), table + ": exactly the batch's rows are gone");
        }
        assertEquals(before.get("recommendations").size() - 3, after.get("recommendations").size());
    }

    @Test
    void deleteRefusesWhenTheAnswerIsNo() throws Exception {
        insertRecommendation("DELC", "2024-04-01T10:00:00Z", 2, 10);
        Map<String, TreeSet<String>> before = snapshot();

        Commands.Result r = withStdin("no\n", "DeleteBatch", "--url", url, "--symbol", "DELC",
                "--from", "2024-04-01", "--to", "2024-04-02");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Type yes to confirm"), r.out());
        assertTrue(line(r.out(), "recommendations ").endsWith(" 1"), r.out());
        assertTrue(r.out().contains("Nothing deleted."), r.out());
        assertEquals(before, snapshot(), "no row changed");
    }

    @Test
    void deleteRefusesWithoutAnyAnswerOnStandardInput() throws Exception {
        insertRecommendation("DELD", "2024-04-01T10:00:00Z", 1, 0);
        Map<String, TreeSet<String>> before = snapshot();

        Commands.Result r = Commands.spawn(Map.of(), "DeleteBatch", "--url", url, "--symbol", "DELD",
                "--from", "2024-04-01", "--to", "2024-04-02");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Pass --yes"), r.out());
        assertEquals(before, snapshot(), "no row changed");
    }

    @Test
    void deleteGoesAheadWhenThePersonTypesYes() throws Exception {
        UUID doomed = insertRecommendation("DELE", "2024-04-01T10:00:00Z", 1, 0);
        UUID kept = insertRecommendation("DELE", "2024-04-02T10:00:00Z", 1, 0);

        Commands.Result r = withStdin("yes\n", "DeleteBatch", "--url", url, "--symbol", "DELE",
                "--from", "2024-04-01", "--to", "2024-04-02");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(exists(doomed), "the batch is gone");
        assertTrue(exists(kept), "the next day's recommendation stays");
    }

    @Test
    void deleteRejectsAnEmptyOrReversedRange() {
        Commands.Result r = Commands.run("DeleteBatch", "--url", url, "--symbol", "AAPL",
                "--from", "2024-04-02", "--to", "2024-04-01", "--yes");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--from must be before --to"), r.err());
        Commands.Result bad = Commands.run("DeleteBatch", "--url", url, "--symbol", "AAPL",
                "--from", "yesterday", "--to", "2024-04-01");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("'yesterday' is not a time"), bad.err());
    }

    // ---- ExportSymbol

    @Test
    void exportWritesEveryRecommendationWithTargetsAndOptionAsExactJson() throws Exception {
        Commands.Result r = Commands.run("ExportSymbol", "--url", url, "--symbol", "nvda");
        assertEquals(0, r.exitCode(), r.toString());
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode doc = json.readTree(r.out());
        assertEquals("NVDA", doc.get("symbol").asText());
        // The sample has two NVDA recommendations: a BUY 5 hours ago and a HOLD 20 days ago.
        assertEquals(2, doc.get("count").asInt());
        JsonNode newest = doc.get("recommendations").get(0);
        JsonNode older = doc.get("recommendations").get(1);
        assertEquals("BUY", newest.get("side").asText());
        assertEquals(0, new BigDecimal("131.80").compareTo(newest.get("entry_price").decimalValue()));
        assertTrue(r.out().contains("\"entry_price\" : 131.80"), "the price is written as stored");
        assertEquals(4, newest.get("targets").size());
        assertEquals(List.of(1, 2, 3, 4), ordinals(newest.get("targets")));
        assertEquals("CALL", newest.get("option").get("option_type").asText());
        assertEquals(List.of(1, 2), ordinals(newest.get("option").get("targets")));
        assertEquals("up", newest.get("rationale").get("indicators").get("earnings_revision").asText(),
                "JSONB columns stay nested JSON");
        assertTrue(newest.get("asof").asText().endsWith("+00:00"), "asof in UTC: " + newest.get("asof"));
        assertEquals("HOLD", older.get("side").asText());
        assertTrue(older.get("targets").isArray() && older.get("targets").isEmpty(), "no targets is [], not [null]");
        assertTrue(older.get("option").isNull());
    }

    @Test
    void exportToFileAndOfAnUnknownSymbol(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tsla.json");
        Commands.Result r = Commands.run("ExportSymbol", "--url", url, "--symbol", "TSLA", "--output", file.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.out(), "the JSON goes to the file only");
        assertTrue(r.err().contains("Wrote 1 recommendation of TSLA"), r.err());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(1, doc.get("count").asInt());
        assertEquals(2, doc.get("recommendations").get(0).get("targets").size());

        Commands.Result none = Commands.run("ExportSymbol", "--url", url, "--symbol", "NOSUCH");
        assertEquals(0, none.exitCode(), none.toString());
        JsonNode empty = new ObjectMapper().readTree(none.out());
        assertEquals(0, empty.get("count").asInt());
        assertTrue(empty.get("recommendations").isArray() && empty.get("recommendations").isEmpty());
    }

    // ---- StartupMigrations (migrating at application startup)

    @Test
    void startupMigrationsAppliesThenStartsTheApplication() throws Exception {
        String fresh = TestPostgres.get().newDatabase("startup_ok");
        long files;
        try (var list = Files.list(Commands.ROOT.resolve("migrations"))) {
            files = list.filter(f -> f.getFileName().toString().matches("\\d+_.*(?<!\\.down)\\.sql")).count();
        }
        Commands.Result r = Commands.spawn(Map.of("DATABASE_URL", fresh), "StartupMigrations");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains(files + " migrations applied; starting the application"), r.out());
        try (Connection c = TestPostgres.connect(fresh); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_migrations")) {
            rs.next();
            assertEquals(files, rs.getLong(1));
        }
    }

    @Test
    void startupMigrationsFailsFastAndDoesNotStartTheApplication(@TempDir Path migrations) throws Exception {
        Files.writeString(migrations.resolve("001_broken.sql"),
                "CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n", StandardCharsets.UTF_8);
        String fresh = TestPostgres.get().newDatabase("startup_fail");
        Commands.Result r = Commands.spawn(Map.of("DATABASE_URL", fresh, "MIGRATIONS_DIR", migrations.toString()),
                "StartupMigrations");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Database migrations failed!"), r.err());
        assertTrue(r.err().contains("001_broken"), "the cause names the file:\n" + r.err());
        assertFalse(r.out().contains("starting the application"), r.out());

        Commands.Result noUrl = Commands.spawn(Map.of(), "StartupMigrations");
        assertEquals(1, noUrl.exitCode(), noUrl.toString());
        assertTrue(noUrl.err().contains("DATABASE_URL is not set"), noUrl.err());
    }

    // ---- the shell@trading alias, fed on standard input as a person would type

    @Test
    void shellOpensJShellWithAConnectionFromDatabaseUrl() throws Exception {
        UUID id = insertRecommendation("SHEL", "2024-06-01T10:00:00Z", 0, 0);
        ProcessBuilder builder = new ProcessBuilder(Commands.ROOT.resolve("jbang").toString(), "shell@trading")
                .directory(Commands.ROOT.toFile());
        builder.environment().remove("MIGRATIONS_DIR");
        trading.db.DatabaseTarget.LIBPQ_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().put("DATABASE_URL", url); // the normal rules: no --url, so DATABASE_URL
        Process p = builder.start();
        p.getOutputStream().write(String.join("\n",
                "db.describe()",
                "sql(\"SELECT symbol, side FROM recommendations WHERE symbol = ?\", \"SHEL\")",
                "sql(\"UPDATE recommendations SET side = 'SELL' WHERE symbol = ?\", \"SHEL\")",
                "/exit", "").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        Commands.Result r = Commands.finish(p, 300);
        assertEquals(0, r.exitCode(), r.toString());
        String database = url.substring(url.lastIndexOf('/') + 1);
        assertTrue(r.out().contains("trading-db shell on postgresql://"), r.out());
        assertTrue(r.out().contains(database + "\""), "db.describe() names the database:\n" + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(".*SHEL\\s+BUY\\s*")), "the row as a table:\n" + r.out());
        assertTrue(r.out().contains("1 row(s) changed."), r.out());
        try (Connection c = TestPostgres.connect(url);
             PreparedStatement ps = c.prepareStatement("SELECT side FROM recommendations WHERE reco_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals("SELL", rs.getString(1), "the update was committed (autocommit)");
            }
        }
    }

    // ---- helpers

    /** Inserts a BUY recommendation with {@code targets} targets and, when {@code optionDays} > 0, a CALL with two option targets. */
    private static UUID insertRecommendation(String symbol, String asof, int targets, int optionDays) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = TestPostgres.connect(url)) {
            update(c, "INSERT INTO recommendations (reco_id, asof, symbol, horizon, side, entry_price, confidence_overall)"
                    + " VALUES (?, ?::timestamptz, ?, 'swing', 'BUY', 100.00, 0.75)", id, asof, symbol);
            for (int i = 1; i <= targets; i++) {
                update(c, "INSERT INTO reco_targets (reco_id, ordinal, name, target_type, value, confidence)"
                        + " VALUES (?, ?, 'Target', 'price', 110 + ?, 0.5)", id, i, i);
            }
            if (optionDays > 0) {
                update(c, "INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price)"
                        + " VALUES (?, 'CALL', CURRENT_DATE + ?, 105, 2.5)", id, optionDays);
                update(c, "INSERT INTO option_targets (reco_id, ordinal, name, value, confidence)"
                        + " VALUES (?, 1, 'Premium 1', 4, 0.5), (?, 2, 'Premium 2', 6, 0.3)", id, id);
            }
        }
        return id;
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }

    /** Every row's key in each of the four tables: "reco_id" or "reco_id/ordinal". */
    private static Map<String, TreeSet<String>> snapshot() throws SQLException {
        Map<String, String> keys = Map.of(
                "recommendations", "reco_id::text",
                "reco_targets", "reco_id || '/' || ordinal",
                "option_ideas", "reco_id::text",
                "option_targets", "reco_id || '/' || ordinal");
        Map<String, TreeSet<String>> result = new java.util.TreeMap<>();
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            for (var e : keys.entrySet()) {
                TreeSet<String> rows = new TreeSet<>();
                try (ResultSet rs = s.executeQuery("SELECT " + e.getValue() + " FROM " + e.getKey())) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                result.put(e.getKey(), rows);
            }
        }
        return result;
    }

    private static boolean exists(UUID id) throws SQLException {
        try (Connection c = TestPostgres.connect(url);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM recommendations WHERE reco_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /** Runs an example as its own process with {@code input} typed on its standard input. */
    private static Commands.Result withStdin(String input, String script, String... args) throws IOException {
        Process p = Commands.start(Map.of(), Commands.ROOT, script, args);
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        return Commands.finish(p, 120);
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in:\n" + text)).strip();
    }

    private static List<Integer> ordinals(JsonNode targets) {
        List<Integer> result = new ArrayList<>();
        targets.forEach(t -> result.add(t.get("ordinal").asInt()));
        return result;
    }
}
