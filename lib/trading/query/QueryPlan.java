package trading.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's EXPLAIN output for a canned query, one line per row as psql shows it. */
public record QueryPlan(List<String> lines, boolean analyzed) {
    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");

    public QueryPlan {
        lines = List.copyOf(lines);
    }

    /** True when some node reads through an index (index, index-only or bitmap index scan). */
    public boolean usesIndex() {
        return lines.stream().anyMatch(line -> line.contains("Index Scan") || line.contains("Index Only Scan"));
    }

    /** The tables read whole, front to back; at scale a canned query should have none. */
    public List<String> sequentialScans() {
        List<String> tables = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SEQ_SCAN.matcher(line);
            while (m.find()) {
                tables.add(m.group(1));
            }
        }
        return tables;
    }

    public String text() {
        return String.join("\n", lines);
    }
}
