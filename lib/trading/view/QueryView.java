package trading.view;

import java.io.PrintWriter;
import java.util.List;
import trading.query.CannedQuery;
import trading.query.QueryParameter;
import trading.query.QueryPlan;
import trading.query.QueryResult;

/** What {@code query} prints: the list of queries, and a query's rows as a table, JSON or CSV. */
public final class QueryView {
    private QueryView() {}

    /** {@code query --list}: each query, what it answers, and its parameters. */
    public static void list(PrintWriter out) {
        out.println("Queries (./jbang query@trading NAME --help shows each one's SQL):");
        for (CannedQuery q : CannedQuery.values()) {
            out.println();
            out.println(q.usage());
            out.println("    " + q.summary());
            for (QueryParameter p : q.parameters()) {
                String name = p.positional() ? p.displayName() : p.displayName() + " " + p.kind().label();
                out.println(String.format("      %-22s %s", name, p.description()));
            }
        }
        out.println();
        out.println("Every query also takes --format table|json|csv, --explain [--analyze], --url and --verbose.");
        out.flush();
    }

    public static void print(CannedQuery query, QueryResult result, OutputFormat format, PrintWriter out) {
        switch (format) {
            case TABLE -> QueryTable.print(query, result, out);
            case JSON -> ResultJson.write(result, out);
            case CSV -> {
                CsvWriter csv = new CsvWriter(out);
                csv.record(result.columns());
                for (List<Object> row : result.rows()) {
                    csv.record(row.stream().map(CellText::of).toList());
                }
                out.flush();
            }
        }
    }

    /** The plan of {@code query --explain}, line by line. */
    public static void plan(QueryPlan plan, PrintWriter out) {
        plan.lines().forEach(out::println);
        out.flush();
    }
}
