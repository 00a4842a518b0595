package trading.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import trading.query.CannedQuery;
import trading.query.JsonValue;
import trading.query.QueryResult;

/**
 * Prints a canned query's rows for a person, within 80 columns. The list queries show
 * the columns that matter at a glance, one row per recommendation, with the last column
 * (targets, reasoning) continued on further lines rather than cut; {@code full} shows
 * its one recommendation as field/value lines, like psql's expanded display. Every
 * column is in {@code --format json} and {@code csv}. Widths are terminal columns
 * ({@link DisplayWidth}) and control characters are escaped ({@link TerminalText}).
 */
public final class QueryTable {
    static final int WIDTH = 80;
    private static final int GAP = 2;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");

    /** A column of the table: its heading, the result column it shows, and how. */
    private record Column(String heading, String name, Function<Object, List<String>> lines) {
        static Column plain(String heading, String name) {
            return new Column(heading, name, value -> List.of(CellText.of(value)));
        }
    }

    private QueryTable() {}

    public static void print(CannedQuery query, QueryResult result, PrintWriter out) {
        switch (query) {
            case SYMBOL -> rows(result, out, List.of(
                    new Column("ASOF", "asof", QueryTable::minute),
                    Column.plain("HORIZON", "horizon"),
                    Column.plain("SIDE", "side"),
                    Column.plain("ENTRY", "entry_price"),
                    Column.plain("CONF", "confidence_overall"),
                    Column.plain("MOVE%", "expected_move_pct"),
                    new Column("TARGETS", "targets", QueryTable::targets)));
            case WITH_OPTIONS -> rows(result, out, List.of(
                    Column.plain("SYMBOL", "symbol"),
                    Column.plain("SIDE", "side"),
                    Column.plain("CONF", "confidence_overall"),
                    Column.plain("OPTION", "option_type"),
                    Column.plain("STRIKE", "strike"),
                    Column.plain("EXPIRY", "expiry"),
                    Column.plain("DELTA", "delta")));
            case TOP_BUYS -> rows(result, out, List.of(
                    Column.plain("SYMBOL", "symbol"),
                    Column.plain("ENTRY", "entry_price"),
                    Column.plain("CONF", "confidence_overall"),
                    Column.plain("REASONING", "reasoning")));
            case FULL -> expanded(result, out);
        }
        out.println("(" + result.rows().size() + (result.rows().size() == 1 ? " row)" : " rows)"));
        out.flush();
    }

    /** One line per row; the last column gets what is left of the width and wraps. */
    private static void rows(QueryResult result, PrintWriter out, List<Column> columns) {
        int last = columns.size() - 1;
        List<List<List<String>>> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).heading().length();
            numeric[c] = true;
        }
        for (List<Object> row : result.rows()) {
            List<List<String>> rowCells = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Object value = valueOf(result, row, column.name());
                List<String> lines = column.lines().apply(value).stream().map(TerminalText::cell).toList();
                numeric[c] &= value == null || value instanceof Number;
                for (String line : lines) {
                    widths[c] = Math.max(widths[c], DisplayWidth.of(line));
                }
                rowCells.add(lines);
            }
            cells.add(rowCells);
        }
        int used = 0;
        for (int c = 0; c < last; c++) {
            used += widths[c] + GAP;
        }
        int lastWidth = Math.max(20, Math.min(widths[last], WIDTH - used));

        List<String> heading = columns.stream().map(Column::heading).toList();
        out.println(line(heading, widths, numeric, last));
        for (List<List<String>> rowCells : cells) {
            List<String> lastLines = new ArrayList<>();
            for (String line : rowCells.get(last)) {
                lastLines.addAll(wrap(line, lastWidth));
            }
            List<String> first = new ArrayList<>();
            for (int c = 0; c < last; c++) {
                first.add(rowCells.get(c).get(0));
            }
            first.add(lastLines.isEmpty() ? "" : lastLines.get(0));
            out.println(line(first, widths, numeric, last));
            for (int i = 1; i < lastLines.size(); i++) {
                out.println(" ".repeat(used) + lastLines.get(i));
            }
        }
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric, int last) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c <= last; c++) {
            String cell = cells.get(c);
            String padding = c == last ? "" : " ".repeat(widths[c] - DisplayWidth.of(cell));
            line.append(numeric[c] ? padding + cell : cell + padding);
            if (c < last) {
                line.append(" ".repeat(GAP));
            }
        }
        return line.toString().stripTrailing();
    }

    /** Each row as "field  value" lines, nested lists and objects one item per line. */
    private static void expanded(QueryResult result, PrintWriter out) {
        int labelWidth = result.columns().stream().mapToInt(c -> DisplayWidth.of(TerminalText.cell(c))).max().orElse(0);
        int valueWidth = WIDTH - labelWidth - GAP;
        for (int r = 0; r < result.rows().size(); r++) {
            if (r > 0) {
                out.println();
            }
            List<Object> row = result.rows().get(r);
            for (int c = 0; c < result.columns().size(); c++) {
                List<String> lines = new ArrayList<>();
                for (String item : expandedValue(row.get(c)).stream().map(TerminalText::cell).toList()) {
                    // Continued lines are indented, so they read as part of the item above.
                    List<String> wrapped = wrap(item, valueWidth - GAP);
                    lines.add(wrapped.get(0));
                    wrapped.subList(1, wrapped.size()).forEach(more -> lines.add(" ".repeat(GAP) + more));
                }
                String label = TerminalText.cell(result.columns().get(c));
                for (int i = 0; i < lines.size(); i++) {
                    String prefix = i == 0 ? DisplayWidth.pad(label, labelWidth) : " ".repeat(labelWidth);
                    out.println((prefix + " ".repeat(GAP) + lines.get(i)).stripTrailing());
                }
            }
        }
    }

    private static List<String> expandedValue(Object value) {
        JsonNode node = value instanceof JsonValue json ? json.node() : null;
        if (node != null && node.isArray()) {
            return targets(value);
        }
        if (node != null && node.isObject()) {
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode v = field.getValue();
                fields.add(field.getKey() + ": " + (v.isTextual() ? v.asText() : v.toString()));
            }
            return fields;
        }
        return List.of(CellText.of(value));
    }

    /** A target list, one compact line per target: {@code 1. Target 1: 140.00 (0.80)}; empty is "none". */
    private static List<String> targets(Object value) {
        JsonNode list = value instanceof JsonValue json ? json.node() : null;
        if (list == null || !list.isArray()) {
            return List.of(CellText.of(value));
        }
        if (list.isEmpty()) {
            return List.of("none");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode target : list) {
            if (!target.isObject()) {
                lines.add(target.toString());
                continue;
            }
            String name = target.hasNonNull("name") ? " " + target.get("name").asText() + ":" : "";
            lines.add(text(target.get("ordinal")) + "." + name + " " + text(target.get("value"))
                    + " (" + text(target.get("confidence")) + ")");
        }
        return lines;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "-";
        }
        return node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
    }

    private static List<String> minute(Object value) {
        return List.of(value instanceof OffsetDateTime t ? MINUTE.format(t.withOffsetSameInstant(ZoneOffset.UTC))
                : CellText.of(value));
    }

    private static Object valueOf(QueryResult result, List<Object> row, String column) {
        int index = result.column(column);
        return index < 0 ? null : row.get(index);
    }

    /**
     * Splits text into lines of at most {@code width} terminal columns, at spaces where it
     * can; never inside a surrogate pair, and a character wider than the whole line gets
     * a line of its own.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        for (int fit = DisplayWidth.fit(rest, width); fit < rest.length(); fit = DisplayWidth.fit(rest, width)) {
            int cut = rest.lastIndexOf(' ', fit);
            if (cut <= 0) {
                cut = fit > 0 ? fit : Character.charCount(rest.codePointAt(0));
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }
}
