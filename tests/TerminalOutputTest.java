import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.view.TextTable;

/**
 * What reaches the terminal: control characters stored in the data are shown escaped, as
 * psql shows them, in every table and text view, and never act on the terminal; JSON
 * escapes them and CSV keeps them exact. Wide characters (CJK, emoji) count two columns,
 * so tables stay aligned and within 80 columns.
 */
class TerminalOutputTest {
    /** ESC clearing the screen, CR, BEL, an OSC title change, DEL and the C1 CSI. */
    static final String HOSTILE = "Breakout\u001B[2J\rgone\u0007 \u001B]0;pwned\u0007 del\u007F csi\u009B1m end";
    static final String HOSTILE_SHOWN = "Breakout\\x1B[2J\\rgone\\x07 \\x1B]0;pwned\\x07 del\\x7F csi\\u009B1m end";
    /** Reasoning in Japanese with an emoji outside the BMP (a surrogate pair), long enough to wrap. */
    static final String WIDE = "半導体需要の回復と📈データセンター投資の拡大が続き、次の決算で上方修正が見込まれる。"
            + "押し目は買い場と判断する。";

    static final Pattern SYMBOL_AND_ENTRY = Pattern.compile("^(\\S+)\\s+\\S+");

    static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.get().newDatabase("terminal_output");
        assertEquals(0, Commands.run("migrate", "--url", url).exitCode());
        try (Connection c = TestPostgres.connect(url); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO recommendations (symbol, horizon, side, entry_price, confidence_overall, rationale)
                VALUES (?, '1-2 months', 'BUY', ?, 0.99, jsonb_build_object('reasoning', ?::text))""")) {
            for (Object[] row : List.of(new Object[] {"EVIL", 12.5, HOSTILE}, new Object[] {"東証", 1234.5, WIDE},
                    new Object[] {"🚀", 7, "emoji symbol"})) {
                ps.setString(1, (String) row[0]);
                ps.setObject(2, row[1]);
                ps.setString(3, (String) row[2]);
                ps.execute();
            }
        }
        try (Connection c = TestPostgres.connect(url); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reco_targets (reco_id, ordinal, name, target_type, value, confidence)
                SELECT reco_id, 1, ?, 'price', 14, 0.5 FROM recommendations WHERE symbol = 'EVIL'""")) {
            ps.setString(1, "T1\u001B[31m");
            ps.execute();
        }
    }

    // ---- control characters

    @Test
    void queryTablesShowControlCharactersEscapedAsPsqlDoes() {
        for (String[] args : List.of(new String[] {"top-buys"}, new String[] {"full", "EVIL"},
                new String[] {"symbol", "EVIL"})) {
            Commands.Result r = query(args);
            assertEquals(0, r.exitCode(), r.toString());
            assertNoControlCharacters(r.out());
        }
        String topBuys = query("top-buys").out();
        assertTrue(oneLine(topBuys).contains(HOSTILE_SHOWN), topBuys);
        String full = query("full", "EVIL").out();
        assertTrue(full.contains("reasoning: " + HOSTILE_SHOWN.substring(0, 20)), full);
        assertTrue(full.contains("1. T1\\x1B[31m: 14 (0.5)"), full);
    }

    @Test
    void jsonEscapesControlCharactersAndReadsBackExactly() throws Exception {
        Commands.Result r = query("top-buys", "--format", "json");
        assertEquals(0, r.exitCode(), r.toString());
        assertNoControlCharacters(r.out());
        assertTrue(r.out().contains("\\u001B[2J"), r.out());
        assertTrue(r.out().contains("\\u009B1m") && r.out().contains("\\u007F"), r.out());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertEquals(HOSTILE, find(rows, "EVIL").get("reasoning").asText());
        assertEquals(WIDE, find(rows, "東証").get("reasoning").asText());

        Commands.Result full = query("full", "EVIL", "--format", "json");
        assertNoControlCharacters(full.out());
        assertEquals(HOSTILE, new ObjectMapper().readTree(full.out()).get(0).get("rationale").get("reasoning").asText());
    }

    @Test
    void csvKeepsTheDataExact() {
        Commands.Result r = query("top-buys", "--format", "csv");
        assertEquals(0, r.exitCode(), r.toString());
        // CR makes the field quoted (RFC 4180); everything else is byte for byte what is stored.
        assertTrue(r.out().contains("EVIL,12.5,0.99,\"" + HOSTILE + "\"\r\n"), r.out());
    }

    @Test
    void statusAndDryRunEscapeDescriptionsAndSql(@TempDir Path dir) throws Exception {
        MigrationFolder folder = new MigrationFolder(dir)
                .add("001_evil.sql", "-- Description: evil\u001B]0;title\u0007 name\u009B\n"
                        + "CREATE TABLE evil (note text DEFAULT 'bell\u0007');\n\tSELECT 1;\n");
        String fresh = TestPostgres.get().newDatabase("terminal_status");
        Commands.Result plan = Commands.runOn(fresh, dir, "migrate", "--dry-run");
        assertEquals(0, plan.exitCode(), plan.toString());
        assertNoControlCharacters(plan.out().replace("\n\t", "\n"));
        assertTrue(plan.out().contains("name 'evil\\x1B]0;title\\x07 name\\u009B'"), plan.out());
        assertTrue(plan.out().contains("DEFAULT 'bell\\x07');\n\tSELECT 1;"), "LF and tab stay in SQL: " + plan.out());
        JsonNode json = new ObjectMapper().readTree(Commands.runOn(fresh, dir, "migrate", "--dry-run", "--json").out());
        assertTrue(json.get("pending").get(0).get("sql").asText().contains("DEFAULT 'bell\u0007')"));

        Commands.Result status = Commands.runOn(fresh, dir, "status");
        assertNoControlCharacters(status.out());
        assertTrue(status.out().contains("evil\\x1B]0;title\\x07 name\\u009B"), status.out());
        assertEquals(0, Commands.runOn(fresh, dir, "migrate").exitCode());
        Commands.Result applied = Commands.runOn(fresh, dir, "status");
        assertNoControlCharacters(applied.out());
        Commands.Result statusJson = Commands.runOn(fresh, dir, "status", "--json");
        assertNoControlCharacters(statusJson.out());
        assertEquals("evil\u001B]0;title\u0007 name\u009B",
                new ObjectMapper().readTree(statusJson.out()).get("migrations").get(0).get("name").asText());
    }

    @Test
    void textTableEscapesEveryCellAndExpandsTabsAsPsqlDoes() {
        String out = print(new TextTable("NAME", "NOTE").row("a\u001B[31mred", "x\ty\nz\r\u0085").row("ok", "-"));
        assertEquals("NAME          NOTE\n"
                + "a\\x1B[31mred  x       y\\nz\\r\\u0085\n"
                + "ok            -\n", out);
    }

    // ---- display width

    @Test
    void textTableAlignsWideCharactersByTerminalColumns() {
        String out = print(new TextTable("SYMBOL", "PRICE", "NOTE")
                .row("東証", "1", "CJK: two columns each")
                .row("📈🚀", "2", "emoji, surrogate pairs: two each")
                .row("e\u0301te\u0301", "3", "combining accents: none")
                .row("ＡＢ", "4", "fullwidth: two each")
                .row("AB", "5", "ASCII"));
        assertEquals("SYMBOL  PRICE  NOTE\n"
                + "東証    1      CJK: two columns each\n"
                + "📈🚀    2      emoji, surrogate pairs: two each\n"
                + "e\u0301te\u0301     3      combining accents: none\n"
                + "ＡＢ    4      fullwidth: two each\n"
                + "AB      5      ASCII\n", out);
    }

    @Test
    void queryTablesStayWithin80ColumnsAndAlignedWithWideCharacters() {
        for (String[] args : List.of(new String[] {"top-buys"}, new String[] {"full", "東証"},
                new String[] {"symbol", "東証"}, new String[] {"symbol", "🚀"})) {
            Commands.Result r = query(args);
            assertEquals(0, r.exitCode(), r.toString());
            for (String line : r.out().split("\n")) {
                assertTrue(columns(line) <= 80, columns(line) + " columns: " + line);
                assertTrue(line.codePoints().noneMatch(cp -> cp == 0xFFFD) && !hasLoneSurrogate(line),
                        "a surrogate pair was split: " + line);
            }
        }
        String topBuys = query("top-buys").out();
        // ENTRY is right-aligned: every value ends in the same terminal column, whatever the symbol's width.
        List<Integer> ends = new ArrayList<>();
        for (String line : topBuys.split("\n")) {
            Matcher m = SYMBOL_AND_ENTRY.matcher(line);
            if (m.find() && List.of("EVIL", "東証", "🚀").contains(m.group(1))) {
                ends.add(columns(m.group()));
            }
        }
        assertEquals(3, ends.size(), topBuys);
        assertEquals(1, ends.stream().distinct().count(), "ENTRY ends in one column: " + ends + "\n" + topBuys);
        String wrapped = oneLine(topBuys.substring(topBuys.indexOf("半導体")));
        assertTrue(wrapped.replace(" ", "").startsWith(WIDE.replace(" ", "")), "nothing lost in wrapping: " + topBuys);
    }

    // ---- helpers

    private static Commands.Result query(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        return Commands.run("query", all);
    }

    private static String print(TextTable table) {
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    /** Only LF may reach the terminal raw: no other C0 character, no DEL, no C1 character. */
    private static void assertNoControlCharacters(String out) {
        for (int i = 0; i < out.length(); i++) {
            char ch = out.charAt(i);
            boolean control = (ch < 0x20 && ch != '\n') || (ch >= 0x7F && ch <= 0x9F);
            assertTrue(!control, String.format("raw U+%04X at %d in:%n%s", (int) ch, i, out));
        }
    }

    /** Continued lines joined again: what wrapping split, without the indentation. */
    private static String oneLine(String table) {
        return String.join(" ", table.lines().map(String::strip).toList());
    }

    private static JsonNode find(JsonNode rows, String symbol) {
        for (JsonNode row : rows) {
            if (row.get("symbol").asText().equals(symbol)) {
                return row;
            }
        }
        throw new AssertionError(symbol + " not in " + rows);
    }

    /** Terminal columns, counted independently of the code under test: Han, kana, fullwidth and emoji are 2. */
    private static int columns(String line) {
        return line.codePoints().map(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || (cp >= 0xFF01 && cp <= 0xFF60)
                    || (cp >= 0x3000 && cp <= 0x303F) || cp >= 0x1F300;
            return Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : wide ? 2 : 1;
        }).sum();
    }

    private static boolean hasLoneSurrogate(String line) {
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 >= line.length() || !Character.isLowSurrogate(line.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }
}
