package trading.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import trading.seed.SeedResult;
import trading.seed.SeedTable;

/** What {@code seed} prints when it is done: a summary and a table of rows, or the same as JSON. */
public final class SeedView {
    private SeedView() {}

    public static void print(SeedResult result, String database, boolean json, PrintWriter out) {
        if (json) {
            printJson(result, out);
        } else {
            printSummary(result, database, out);
        }
    }

    private static void printSummary(SeedResult r, String database, PrintWriter out) {
        out.println("Seeded " + number(r.rows().recommendations()) + " recommendations into " + database
                + " (random seed " + r.settings().randomSeed() + ", generation " + r.generation() + ", anchor date "
                + r.settings().anchorDate() + (r.settings().truncate() ? ", tables truncated first" : "") + ").");
        TextTable table = new TextTable("TABLE", "ROWS");
        for (SeedTable t : SeedTable.values()) {
            table.row(t.tableName(), number(r.rows().rows(t)));
        }
        table.row("total", number(r.rows().total()));
        table.print(out);
        out.println(number(r.rows().total()) + " rows in " + seconds(r.elapsed()) + " s, " + r.batches()
                + " transaction" + (r.batches() == 1 ? "" : "s") + ": " + number(Math.round(r.rowsPerSecond()))
                + " rows/s (" + number(Math.round(r.recommendationsPerSecond())) + " recommendations/s).");
        out.flush();
    }

    private static void printJson(SeedResult r, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode tables = root.putObject("rows");
        for (SeedTable t : SeedTable.values()) {
            tables.put(t.tableName(), r.rows().rows(t));
        }
        root.put("total_rows", r.rows().total());
        root.put("seconds", r.elapsed().toMillis() / 1000.0);
        root.put("rows_per_second", Math.round(r.rowsPerSecond()));
        root.put("recommendations_per_second", Math.round(r.recommendationsPerSecond()));
        root.put("batches", r.batches());
        root.put("random_seed", r.settings().randomSeed());
        root.put("generation", r.generation());
        root.put("anchor_date", r.settings().anchorDate().toString());
        root.put("truncated", r.settings().truncate());
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

}
