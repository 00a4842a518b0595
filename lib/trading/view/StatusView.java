package trading.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import trading.migrate.MigrationStatus;
import trading.migrate.Rename;
import trading.migrate.StatusReport;

/** Prints a {@link StatusReport} as a table for people or as JSON for scripts; shared by status and migrate --status. */
public final class StatusView {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private StatusView() {}

    /** The table, or JSON when {@code json}: what status and migrate --status print. */
    public static void print(StatusReport report, String database, boolean json, PrintWriter out) {
        if (json) {
            printJson(report, out);
        } else {
            printTable(report, database, out);
        }
    }

    private static void printTable(StatusReport report, String database, PrintWriter out) {
        out.println("Database: " + database);
        TextTable table = new TextTable("VERSION", "STATE", "APPLIED AT", "TIME", "DEPENDS", "NAME");
        for (MigrationStatus m : report.migrations()) {
            table.row(m.version(), m.state().label(), m.appliedAt() == null ? "-" : SHORT.format(utc(m.appliedAt())),
                    m.executionTimeMs() == null ? "-" : m.executionTimeMs() + " ms",
                    m.depends().isEmpty() ? "-" : String.join(",", m.depends()), m.name());
        }
        table.print(out);
        for (Rename rename : report.renames()) {
            out.println(rename.file().version() + " looks like " + rename.missing().version() + " renamed (same number,"
                    + " same checksum): run `migrate --repair` to record the rename.");
        }
        out.println(report.appliedCount() + " applied, " + report.pendingCount() + " pending"
                + (report.needsAction() && report.pendingCount() == 0 ? ", needs attention" : "") + ".");
        out.flush();
    }

    private static void printJson(StatusReport report, PrintWriter out) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("applied_count", report.appliedCount());
        root.put("pending_count", report.pendingCount());
        ArrayNode list = root.putArray("migrations");
        java.util.Map<String, String> renamedFrom = new java.util.HashMap<>();
        report.renames().forEach(r -> renamedFrom.put(r.file().version(), r.missing().version()));
        for (MigrationStatus m : report.migrations()) {
            ObjectNode node = list.addObject();
            if (renamedFrom.containsKey(m.version())) {
                node.put("renamed_from", renamedFrom.get(m.version()));
            }
            node.put("version", m.version());
            node.put("name", m.name());
            node.put("state", m.state().label());
            node.put("applied_at", m.appliedAt() == null ? null : utc(m.appliedAt()).toString());
            node.put("checksum", m.checksum());
            if (m.applied() != null && m.file() != null && !m.file().checksum().equals(m.applied().checksum())) {
                node.put("recorded_checksum", m.applied().checksum());
            }
            node.put("execution_time_ms", m.executionTimeMs());
            ArrayNode depends = node.putArray("depends");
            m.depends().forEach(depends::add);
        }
        try {
            out.println(JsonEscapes.PRETTY.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
