import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trading.cli.ExitCode;
import trading.db.Database;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.query.CannedQuery;
import trading.query.JsonValue;
import trading.query.QueryPlan;
import trading.query.QueryResult;
import trading.query.QueryRunner;
import trading.seed.RecommendationSeeder;
import trading.seed.SeedListener;
import trading.seed.SeedSettings;

/**
 * query.java and the canned-query core against a real PostgreSQL: the same rows as the SQL
 * of {@link ReadmeSampleQuery} (on the sample data, and on 20,000 recommendations loaded by
 * the seeder), the three output formats, bound parameters, and the documented exit codes.
 */
class QueryTest {
    /** Reads numbers as BigDecimal with their scale, so 227.50 is checked as written. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final String INJECTION = "'; DROP TABLE recommendations; --";
    /** A reasoning with every character CSV must quote. */
    private static final String AWKWARD_REASONING = "Breakout, \"clean\" retest;\nthen a new high";

    /** Recommendations seeded on top of the sample data: enough for real plans, quick to load. */
    private static final int SEEDED = 20_000;

    static String sample;
    static String seeded;

    @BeforeAll
    static void databases() throws Exception {
        sample = TestPostgres.get().newDatabase("query_sample");
        Commands.Result migrated = Commands.run("migrate", "--url", sample);
        assertEquals(0, migrated.exitCode(), migrated.toString());
        try (Connection c = TestPostgres.connect(sample); Statement s = c.createStatement()) {
            // A recommendation whose option idea has no targets either: README's SQL gives NULLs there.
            s.execute("""
                    INSERT INTO recommendations (reco_id, asof, symbol, horizon, side, entry_price, confidence_overall,
                                                 rationale)
                    VALUES ('5a3f0001-0000-4000-8000-0000000000f1', now() - interval '1 hour', 'ZNOT', 'swing', 'BUY',
                            10.50, 0.95, jsonb_build_object('reasoning', '%s'))""".formatted(
                    AWKWARD_REASONING.replace("'", "''")));
            s.execute("""
                    INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price, greeks)
                    VALUES ('5a3f0001-0000-4000-8000-0000000000f1', 'CALL', CURRENT_DATE + 10, 11, 0.40,
                            '{"delta": 0.5}')""");
        }

        seeded = TestPostgres.get().newDatabase("query_seeded");
        migrated = Commands.run("migrate", "--url", seeded);
        assertEquals(0, migrated.exitCode(), migrated.toString());
        try (Database database = Database.open(seeded, "QueryTest")) {
            RecommendationSeeder.seed(database, SeedSettings.of(SEEDED), SeedListener.SILENT);
        }
        try (Connection c = TestPostgres.connect(seeded); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    // ---- the same rows as the sample queries' SQL ------------------------------------

    @Test
    void symbolReturnsTheReadmeRows() throws Exception {
        int adjusted = 0;
        for (String url : List.of(sample, seeded)) {
            for (String symbol : List.of("AAPL", "NVDA", "TSLA", "SPY", "ZZZZ")) {
                adjusted += assertSameRows(url, CannedQuery.SYMBOL, Map.of("symbol", symbol), readmeSymbol(symbol));
            }
        }
        assertTrue(adjusted > 0, "the data has recommendations without targets, where README's SQL gives [null-object]");
    }

    @Test
    void withOptionsReturnsTheReadmeRows() throws Exception {
        for (String url : List.of(sample, seeded)) {
            for (int days : List.of(7, 1, 0)) {
                assertSameRows(url, CannedQuery.WITH_OPTIONS, Map.of("days", String.valueOf(days)),
                        readmeWithOptions(days));
            }
        }
    }

    @Test
    void topBuysReturnsTheReadmeRows() throws Exception {
        for (String url : List.of(sample, seeded)) {
            assertSameRows(url, CannedQuery.TOP_BUYS, Map.of(), readmeTopBuys("0.80", "1-2 months", 10));
            assertSameRows(url, CannedQuery.TOP_BUYS, Map.of("min-confidence", "0.5", "horizon", "swing", "limit", "25"),
                    readmeTopBuys("0.5", "swing", 25));
            assertSameRows(url, CannedQuery.TOP_BUYS, Map.of("min-confidence", "1", "horizon", "day", "limit", "0"),
                    readmeTopBuys("1", "day", 0));
        }
    }

    @Test
    void fullReturnsTheReadmeRows() throws Exception {
        int adjusted = 0;
        for (String url : List.of(sample, seeded)) {
            for (String symbol : List.of("NVDA", "AAPL", "MSFT", "ZNOT", "ZZZZ", "T", "QQQ", "PLTR")) {
                adjusted += assertSameRows(url, CannedQuery.FULL, Map.of("symbol", symbol), readmeFull(symbol));
            }
        }
        assertTrue(adjusted > 0, "ZNOT has no targets, where README's SQL gives NULL");
    }

    /**
     * Runs the catalogue's query through the core and the README's SQL, and asserts equal
     * columns and rows once the README's rows get the documented differences. Returns how
     * many README values needed one, so callers can check the difference was exercised.
     */
    private static int assertSameRows(String url, CannedQuery query, Map<String, String> arguments, String readmeSql)
            throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            QueryResult ours = parsed(new QueryRunner(c).run(query.bind(arguments)));
            QueryResult readme;
            try (ResultSet rs = s.executeQuery(readmeSql)) {
                readme = parsed(QueryResult.read(rs));
            }
            assertEquals(readme.columns(), ours.columns(), query + " columns");
            List<List<Object>> expected = new ArrayList<>();
            int adjusted = 0;
            for (List<Object> row : readme.rows()) {
                List<Object> copy = new ArrayList<>(row);
                adjusted += asDocumented(query, readme, copy);
                expected.add(copy);
            }
            String where = query.queryName() + " " + arguments + " on " + url;
            if (query == CannedQuery.WITH_OPTIONS) {
                // The README orders by confidence alone, so ties may come in any order: same
                // confidences in the same order, and the same rows.
                int confidence = ours.column("confidence_overall");
                assertEquals(expected.stream().map(r -> r.get(confidence)).toList(),
                        ours.rows().stream().map(r -> r.get(confidence)).toList(), where);
                assertEquals(sorted(expected), sorted(ours.rows()), where);
            } else {
                assertEquals(expected, ours.rows(), where);
            }
            return adjusted;
        }
    }

    /** The result with json values parsed, so that they compare by content, not spacing. */
    private static QueryResult parsed(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            rows.add(row.stream().map(v -> v instanceof JsonValue json ? (Object) json.node() : v).toList());
        }
        return new QueryResult(result.columns(), rows);
    }

    /** The differences CannedQuery documents, applied to one README row. */
    private static int asDocumented(CannedQuery query, QueryResult readme, List<Object> row) {
        switch (query) {
            case SYMBOL -> {
                int targets = readme.column("targets");
                if (isListOfOneNullObject(row.get(targets))) {
                    row.set(targets, JsonNodeFactory.instance.arrayNode());
                    return 1;
                }
            }
            case WITH_OPTIONS -> {
                int delta = readme.column("delta");
                row.set(delta, row.get(delta) == null ? null : new BigDecimal((String) row.get(delta)));
            }
            case TOP_BUYS -> { }
            case FULL -> {
                int adjusted = 0;
                int targets = readme.column("target_list");
                if (row.get(targets) == null) {
                    row.set(targets, JsonNodeFactory.instance.arrayNode());
                    adjusted++;
                }
                int optionTargets = readme.column("option_target_list");
                if (row.get(optionTargets) == null && row.get(readme.column("option_type")) != null) {
                    row.set(optionTargets, JsonNodeFactory.instance.arrayNode());
                    adjusted++;
                }
                return adjusted;
            }
        }
        return 0;
    }

    private static boolean isListOfOneNullObject(Object value) {
        if (!(value instanceof JsonNode list) || list.size() != 1) {
            return false;
        }
        for (JsonNode field : list.get(0)) {
            if (!field.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted(Comparator.naturalOrder()).toList();
    }

    // ---- output formats -------------------------------------------------------------------

    @Test
    void jsonHasNumbersAsNumbersIsoTimestampsAndEmptyTargetLists() throws Exception {
        Commands.Result r = Commands.run("query", "symbol", "AAPL", "--url", sample, "--format", "json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(2, rows.size(), r.out());
        JsonNode newest = rows.get(0);
        assertTrue(newest.get("entry_price").isNumber(), r.out());
        assertEquals(new BigDecimal("227.50"), newest.get("entry_price").decimalValue());
        assertTrue(r.out().contains("\"entry_price\" : 227.50,"), "numeric keeps its scale: " + r.out());
        assertTrue(newest.get("confidence_overall").isNumber());
        String asof = newest.get("asof").asText();
        assertTrue(asof.endsWith("Z") && asof.contains("T"), asof);
        assertNotNull(Instant.parse(asof));
        assertTrue(newest.get("rationale").isObject(), "jsonb is nested JSON, not a string");
        JsonNode targets = newest.get("targets");
        assertEquals(3, targets.size());
        assertEquals(1, targets.get(0).get("ordinal").asInt());
        assertTrue(targets.get(0).get("value").isNumber());
        JsonNode noTargets = rows.get(1).get("targets");
        assertTrue(noTargets.isArray() && noTargets.isEmpty(), "no targets is [], not [null-object]: " + noTargets);
    }

    @Test
    void fullWithoutTargetsShowsEmptyListsInJson() throws Exception {
        Commands.Result r = Commands.run("query", "full", "ZNOT", "--url", sample, "--format", "json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode row = JSON.readTree(r.out()).get(0);
        assertTrue(row.get("target_list").isArray() && row.get("target_list").isEmpty(), r.out());
        assertTrue(row.get("option_target_list").isArray() && row.get("option_target_list").isEmpty(), r.out());
        assertEquals(LocalDate.now().plusDays(10), LocalDate.parse(row.get("expiry").asText()), "ISO date");

        Commands.Result noOption = Commands.run("query", "full", "MSFT", "--url", sample, "--format", "json");
        JsonNode msft = JSON.readTree(noOption.out()).get(0);
        assertTrue(msft.get("option_target_list").isNull(), "no option idea: no option target list");
    }

    @Test
    void csvFollowsRfc4180() throws Exception {
        Commands.Result r = Commands.run("query", "top-buys", "--url", sample, "--format", "csv", "--horizon", "swing",
                "--min-confidence", "0.9");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().endsWith("\r\n"), "records end in CRLF");
        List<List<String>> records = parseCsv(r.out());
        assertEquals(List.of("symbol", "entry_price", "confidence_overall", "reasoning"), records.get(0));
        assertEquals(List.of("ZNOT", "10.50", "0.95", AWKWARD_REASONING), records.get(1),
                "comma, quote and newline survive the round trip");
        assertEquals(2, records.size());

        Commands.Result full = Commands.run("query", "full", "NVDA", "--url", sample, "--format", "csv");
        List<List<String>> nvda = parseCsv(full.out());
        assertEquals(nvda.get(0).size(), nvda.get(1).size());
        JsonNode greeks = JSON.readTree(nvda.get(1).get(nvda.get(0).indexOf("greeks")));
        assertEquals(new BigDecimal("0.48"), greeks.get("delta").decimalValue());
        assertTrue(Instant.parse(nvda.get(1).get(nvda.get(0).indexOf("asof"))) != null);
    }

    /** A strict RFC 4180 reader: fails on anything a conforming writer would not produce. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    char ch = text.charAt(i++);
                    if (ch == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        break;
                    } else {
                        field.append(ch);
                    }
                }
            }
            while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                char ch = text.charAt(i++);
                assertTrue(ch != '"' && ch != '\n', "unquoted field holds a quote or LF at " + i);
                field.append(ch);
            }
            record.add(field.toString());
            field.setLength(0);
            if (text.charAt(i) == '\r') {
                assertEquals('\n', text.charAt(i + 1), "CR without LF");
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                i++;
            }
        }
        return records;
    }

    @Test
    void tablesFitIn80ColumnsAndShowTargetsCompactly() {
        List<Commands.Result> results = List.of(
                Commands.run("query", "symbol", "AAPL", "--url", sample),
                Commands.run("query", "with-options", "--url", sample),
                Commands.run("query", "top-buys", "--url", sample, "--min-confidence", "0"),
                Commands.run("query", "full", "NVDA", "--url", sample),
                Commands.run("query", "symbol", "NVDA", "--url", seeded),
                Commands.run("query", "with-options", "--days", "1", "--url", seeded),
                Commands.run("query", "top-buys", "--url", seeded, "--limit", "50"),
                Commands.run("query", "full", "COST", "--url", seeded));
        for (Commands.Result r : results) {
            assertEquals(0, r.exitCode(), r.toString());
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
            }
        }
        String aapl = results.get(0).out();
        assertTrue(aapl.startsWith("ASOF"), aapl);
        assertTrue(aapl.contains("1. 235.00 (0.75)") && aapl.contains("3. 8.00 (0.30)"), aapl);
        assertTrue(aapl.contains("none"), "an empty target list reads 'none': " + aapl);
        assertTrue(aapl.strip().endsWith("(2 rows)"), aapl);
        String full = results.get(3).out();
        assertTrue(full.contains("target_list") && full.contains("2. Target 2: 148.00 (0.62)"), full);
        assertTrue(full.contains("option_target_list  1. 9.50 (0.65)"), full);
    }

    // ---- safety and errors ----------------------------------------------------------------

    @Test
    void parametersAreBoundSoInjectionIsJustASymbol() throws Exception {
        long before = count(sample, "SELECT count(*) FROM recommendations");
        for (String[] args : List.of(
                new String[] {"symbol", INJECTION},
                new String[] {"full", INJECTION},
                new String[] {"top-buys", "--horizon", INJECTION})) {
            List<String> command = new ArrayList<>(List.of(args));
            command.addAll(List.of("--url", sample, "--format", "json"));
            Commands.Result r = Commands.run("query", command.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(0, JSON.readTree(r.out()).size(), r.out());
        }
        assertEquals(1, count(sample, "SELECT count(*) FROM pg_class WHERE relname = 'recommendations'"));
        assertEquals(before, count(sample, "SELECT count(*) FROM recommendations"));
    }

    @Test
    void unknownSymbolIsAnEmptyResultWithAHint() {
        Commands.Result r = Commands.run("query", "symbol", "ZZZZ", "--url", sample);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("(0 rows)"), r.out());
        assertTrue(r.err().contains("hint: no recommendations for symbol ZZZZ"), r.err());

        Commands.Result json = Commands.run("query", "full", "ZZZZ", "--url", sample, "--format", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertEquals("[ ]", json.out().strip());
        assertTrue(json.err().contains("hint:"), json.err());
    }

    @Test
    void symbolsAreMatchedWhateverTheirCase() {
        Commands.Result lower = Commands.run("query", "symbol", " aapl ", "--url", sample, "--format", "json");
        Commands.Result upper = Commands.run("query", "symbol", "AAPL", "--url", sample, "--format", "json");
        assertEquals(0, lower.exitCode(), lower.toString());
        assertEquals(upper.out(), lower.out());
        assertTrue(upper.out().contains("AAPL"));
    }

    @Test
    void badArgumentsExitTwoWithAClearMessage() {
        Map<List<String>, String> cases = Map.of(
                List.of("nope"), "Unknown query 'nope'. The queries are: symbol, with-options, top-buys, full",
                List.of("top-buys", "--min-confidence", "1.5"), "--min-confidence 1.5 is outside [0, 1]",
                List.of("top-buys", "--min-confidence", "-0.1"), "--min-confidence -0.1 is outside [0, 1]",
                List.of("top-buys", "--min-confidence", "high"), "is not a number",
                List.of("symbol", "AAPL", "--limit", "-1"), "--limit -1 is negative",
                List.of("top-buys", "--limit", "-5"), "--limit -5 is negative",
                List.of("with-options", "--days", "-1"), "--days -1 is out of range",
                List.of("symbol", "AAPL", "--format", "xml"), "'xml' is not a format",
                List.of("symbol"), "SYMBOL",
                List.of(), "Name a query");
        cases.forEach((args, message) -> {
            List<String> command = new ArrayList<>(args);
            if (!args.isEmpty() && !args.get(0).equals("nope")) {
                command.addAll(List.of("--url", sample));
            }
            Commands.Result r = Commands.run("query", command.toArray(String[]::new));
            assertEquals(ExitCode.USAGE.code(), r.exitCode(), args + ": " + r);
            assertTrue(r.err().contains(message), args + ": " + r.err());
        });
        Commands.Result before = Commands.run("query", "--format", "json", "symbol", "AAPL");
        assertEquals(ExitCode.USAGE.code(), before.exitCode(), "an option before the name is not silently dropped");
        assertTrue(before.err().contains("--format goes after the query's name"), before.err());
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheName() {
        Commands.Result after = Commands.run("query", "symbol", "AAPL", "--format", "csv", "--url", sample);
        assertEquals(0, after.exitCode(), after.toString());
        Commands.Result before = Commands.run("query", "--url", sample, "--verbose", "symbol", "AAPL", "--format", "csv");
        assertEquals(0, before.exitCode(), before.toString());
        assertEquals(after.out(), before.out());
        assertTrue(after.out().lines().count() > 1, after.out());

        Commands.Result unreachable = Commands.run("query", "--url", "postgresql://nobody@127.0.0.1:1/none",
                "symbol", "AAPL");
        assertEquals(ExitCode.CANNOT_CONNECT.code(), unreachable.exitCode(), "--url before the name is used: " + unreachable);
    }

    @Test
    void theLibraryChecksArgumentsToo() {
        ToolkitException unknown = assertThrows(ToolkitException.class, () -> CannedQuery.named("nope"));
        assertEquals(FailureKind.BAD_INPUT, unknown.kind());
        ToolkitException extra = assertThrows(ToolkitException.class,
                () -> CannedQuery.SYMBOL.bind(Map.of("symbol", "AAPL", "days", "3")));
        assertTrue(extra.getMessage().contains("no parameter days"), extra.getMessage());
        assertEquals(List.of(new BigDecimal("0.80"), "1-2 months", 10L), CannedQuery.TOP_BUYS.bind(Map.of()).values());
    }

    // ---- --list and --explain --------------------------------------------------------------

    @Test
    void listNamesEveryQueryWithItsParameters() {
        Commands.Result r = Commands.run("query", "--list");
        assertEquals(0, r.exitCode(), r.toString());
        for (String usage : List.of("symbol SYMBOL [--limit N]", "with-options [--days N]",
                "top-buys [--min-confidence 0..1] [--horizon TEXT] [--limit N]", "full SYMBOL")) {
            assertTrue(r.out().contains(usage), usage + " in\n" + r.out());
        }
        assertTrue(r.out().contains("(default: 7)") && r.out().contains("(default: 0.80)"), r.out());
    }

    @Test
    void explainPrintsThePlanAndAnalyzeRunsIt() {
        Commands.Result plan = Commands.run("query", "symbol", "AAPL", "--url", seeded, "--explain");
        assertEquals(0, plan.exitCode(), plan.toString());
        assertTrue(plan.out().contains("idx_recommendations_symbol_asof"), plan.out());
        assertFalse(plan.out().contains("actual time"), "plain EXPLAIN does not run the query");
        Commands.Result analyzed = Commands.run("query", "full", "NVDA", "--url", seeded, "--explain", "--analyze");
        assertEquals(0, analyzed.exitCode(), analyzed.toString());
        assertTrue(analyzed.out().contains("actual time") && analyzed.out().contains("Buffers:")
                && analyzed.out().contains("Execution Time"), analyzed.out());
    }

    @Test
    void selectiveQueriesStartFromAnIndex() throws Exception {
        try (Connection c = TestPostgres.connect(seeded)) {
            QueryRunner runner = new QueryRunner(c);
            for (CannedQuery query : List.of(CannedQuery.SYMBOL, CannedQuery.FULL)) {
                QueryPlan plan = runner.explain(query.bind(Map.of("symbol", "AAPL")), false);
                assertTrue(plan.usesIndex(), plan.text());
                assertEquals(List.of(), plan.sequentialScans(), plan.text());
            }
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The README's SQL as ReadmeSampleQuery has it, verbatim, with its literals replaced by
     * these test values (never user input). Fails if a literal is not there to replace.
     */
    private static String readme(ReadmeSampleQuery query, Map<String, String> literals) {
        String sql = query.sql;
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            assertTrue(sql.contains(literal.getKey()), literal.getKey() + " in README's " + query.title);
            sql = sql.replace(literal.getKey(), literal.getValue());
        }
        return sql;
    }

    private static String readmeSymbol(String symbol) {
        return readme(ReadmeSampleQuery.FOR_A_SYMBOL, Map.of("'AAPL'", "'" + symbol + "'"));
    }

    private static String readmeWithOptions(int days) {
        return readme(ReadmeSampleQuery.WITH_OPTIONS, Map.of("'7 days'", "'" + days + " days'"));
    }

    private static String readmeTopBuys(String minConfidence, String horizon, int limit) {
        return readme(ReadmeSampleQuery.HIGH_CONFIDENCE_BUYS, Map.of(">= 0.80", ">= " + minConfidence,
                "'1-2 months'", "'" + horizon + "'", "LIMIT 10", "LIMIT " + limit));
    }

    private static String readmeFull(String symbol) {
        return readme(ReadmeSampleQuery.COMPLETE_RECOMMENDATION, Map.of("'NVDA'", "'" + symbol + "'"));
    }
}
