import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema's four sample queries ({@link ReadmeSampleQuery}), run unchanged on the sample data of 002. */
class SampleQueriesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static String url;

    @BeforeAll
    static void sampleData() {
        url = TestPostgres.get().newDatabase("sample_queries");
        Commands.Result r = Commands.run("migrate", "--url", url);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void allRecommendationsForASymbolNewestFirstWithTheirTargetLadders() throws Exception {
        List<Map<String, String>> rows = rows(ReadmeSampleQuery.FOR_A_SYMBOL.sql);
        assertEquals(2, rows.size(), rows.toString());

        Map<String, String> swing = rows.get(0);
        assertEquals("5a3f0001-0000-4000-8000-000000000001", swing.get("reco_id"));
        assertEquals("AAPL", swing.get("symbol"));
        assertEquals("BUY", swing.get("side"));
        assertEquals("swing", swing.get("horizon"));
        assertEquals("227.50", swing.get("entry_price"));
        JsonNode targets = JSON.readTree(swing.get("targets"));
        assertEquals("[1,2,3]", field(targets, "ordinal"));
        assertEquals("[235,242,8]", field(targets, "value"));
        assertEquals("[0.75,0.55,0.3]", field(targets, "confidence"));

        Map<String, String> hold = rows.get(1);
        assertEquals("5a3f0001-0000-4000-8000-000000000002", hold.get("reco_id"));
        assertEquals("HOLD", hold.get("side"));
        // The README's LEFT JOIN + json_agg turns "no targets" into one all-null object.
        assertEquals("[null]", field(JSON.readTree(hold.get("targets")), "ordinal"));
    }

    @Test
    void recentRecommendationsWithOptionsMostConfidentFirst() throws Exception {
        List<Map<String, String>> rows = rows(ReadmeSampleQuery.WITH_OPTIONS.sql);
        assertEquals(List.of("NVDA", "AAPL", "META"), column(rows, "symbol"));
        assertEquals(List.of("BUY", "BUY", "SELL"), column(rows, "side"));
        assertEquals(List.of("0.91", "0.82", "0.67"), column(rows, "confidence_overall"));
        assertEquals(List.of("CALL", "CALL", "PUT"), column(rows, "option_type"));
        assertEquals(List.of("135.00", "230.00", "550.00"), column(rows, "strike"));
        assertEquals(List.of("0.48", "0.45", "-0.38"), column(rows, "delta"));
        assertEquals(column(rows("SELECT CURRENT_DATE + 45 AS d UNION ALL SELECT CURRENT_DATE + 30"
                + " UNION ALL SELECT CURRENT_DATE + 21"), "d"), column(rows, "expiry"));
    }

    @Test
    void anOptionOnARecommendationOlderThanSevenDaysIsLeftOut() throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // NVDA's 20-day-old HOLD gets an option idea, inside a transaction that is rolled back.
                s.execute("INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price)"
                        + " VALUES ('5a3f0001-0000-4000-8000-000000000008', 'PUT', CURRENT_DATE + 10, 110, 2)");
                assertEquals(List.of("NVDA", "AAPL", "META"), column(rows(s, ReadmeSampleQuery.WITH_OPTIONS.sql), "symbol"));
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void highConfidenceBuysForOneToTwoMonths() throws Exception {
        List<Map<String, String>> rows = rows(ReadmeSampleQuery.HIGH_CONFIDENCE_BUYS.sql);
        assertEquals(List.of("NVDA", "MSFT"), column(rows, "symbol"), "AMZN's 0.78 is below 0.80");
        assertEquals(List.of("131.80", "418.20"), column(rows, "entry_price"));
        assertEquals(List.of("0.91", "0.84"), column(rows, "confidence_overall"));
        assertEquals(List.of("Data-centre demand keeps beating guidance; pullback to the 50-day is a fresh entry",
                "Cloud re-acceleration and AI attach rates"), column(rows, "reasoning"));
    }

    @Test
    void theLatestNvdaRecommendationComplete() throws Exception {
        List<Map<String, String>> rows = rows(ReadmeSampleQuery.COMPLETE_RECOMMENDATION.sql);
        assertEquals(1, rows.size());
        Map<String, String> nvda = rows.get(0);
        assertEquals("5a3f0001-0000-4000-8000-000000000004", nvda.get("reco_id"), "the 5-hour-old one, not the 20-day-old HOLD");
        assertEquals("1-2 months", nvda.get("horizon"));
        JsonNode targets = JSON.readTree(nvda.get("target_list"));
        assertEquals("[1,2,3,4]", field(targets, "ordinal"));
        assertEquals("[\"Target 1\",\"Target 2\",\"Target 3\",\"Stretch\"]", field(targets, "name"));
        assertEquals("[140,148,155,20]", field(targets, "value"));
        assertEquals("CALL", nvda.get("option_type"));
        assertEquals("135.00", nvda.get("strike"));
        assertEquals("6.40", nvda.get("option_entry_price"));
        assertEquals(rows("SELECT CURRENT_DATE + 45 AS d").get(0).get("d"), nvda.get("expiry"));
        assertEquals("0.48", JSON.readTree(nvda.get("greeks")).get("delta").asText());
        JsonNode optionTargets = JSON.readTree(nvda.get("option_target_list"));
        assertEquals("[1,2]", field(optionTargets, "ordinal"));
        assertEquals("[9.5,13]", field(optionTargets, "value"));
    }

    /** One field of every object in a JSON array, numbers without trailing zeros: {@code [1,2.5,"x"]}. */
    static String field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> {
            JsonNode value = element.get(name);
            values.add(value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.toString());
        });
        return "[" + String.join(",", values) + "]";
    }

    static List<String> column(List<Map<String, String>> rows, String name) {
        return rows.stream().map(row -> row.get(name)).toList();
    }

    static List<Map<String, String>> rows(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            return rows(s, sql);
        }
    }

    /** Every row as column name to text, the way psql shows it. */
    static List<Map<String, String>> rows(Statement s, String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
