package trading.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import trading.migrate.MigrationPlan;
import trading.sqlfile.MigrationFile;
import trading.sqlfile.TransactionMode;

/**
 * Prints what {@code migrate --dry-run} would do: each pending file, its SQL and what would
 * be recorded. Control characters in the SQL are escaped ({@link TerminalText}); the JSON
 * plan carries the SQL exactly, escaped as JSON.
 */
public final class PlanView {
    private PlanView() {}

    public static void print(MigrationPlan plan, String database, boolean json, PrintWriter out) {
        if (json) {
            printJson(plan, database, out);
        } else if (plan.toApply().isEmpty()) {
            out.println("Dry run: nothing to migrate on " + database + ".");
        } else {
            int n = plan.toApply().size();
            out.println("Dry run: " + n + " migration" + (n == 1 ? "" : "s") + " would be applied to " + database
                    + ", in this order. Nothing was executed.");
            for (MigrationFile f : plan.toApply()) {
                out.println();
                out.println("-- " + f.version() + " (" + (f.isNoOp() ? "no-op: no SQL statements, only recorded"
                        : f.transaction() == TransactionMode.NONE ? "Transaction: none, statement by statement"
                        : "one transaction") + ")");
                out.println("-- would record: version " + f.version() + ", name '" + TerminalText.cell(f.name())
                        + "', checksum " + f.checksum());
                out.println(TerminalText.lines(f.sql().stripTrailing()));
            }
        }
        out.flush();
    }

    private static void printJson(MigrationPlan plan, String database, PrintWriter out) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("database", database);
        ArrayNode pending = root.putArray("pending");
        for (MigrationFile f : plan.toApply()) {
            ObjectNode node = pending.addObject();
            node.put("version", f.version());
            node.put("name", f.name());
            node.put("checksum", f.checksum());
            node.put("transaction", f.transaction() == TransactionMode.NONE ? "none" : "transactional");
            f.depends().forEach(node.putArray("depends")::add);
            node.put("statements", f.statements().size());
            node.put("no_op", f.isNoOp());
            node.put("sql", f.sql());
        }
        try {
            out.println(JsonEscapes.PRETTY.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
