package trading.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import trading.sqlfile.Checksum;
import trading.sqlfile.MigrationFile;

/**
 * {@code migrate --repair}: realigns the history with the folder, on a connection that holds
 * the migration lock and is inside the transaction that makes it all or nothing.
 * A renamed file ({@link Rename}) gets its row's version and name updated, so its SQL does
 * not run again; then recorded checksums follow modified files, and the rows of failed
 * migrations and of files that are gone are removed.
 */
final class Repair {
    private final Connection connection;
    private final History history;

    Repair(Connection connection, History history) {
        this.connection = connection;
        this.history = history;
    }

    /** Every row changed, in the order of the report. */
    List<RepairChange> run(StatusReport report) throws SQLException {
        List<RepairChange> changes = new ArrayList<>();
        Set<String> renamed = new HashSet<>();
        for (Rename rename : report.renames()) {
            MigrationFile file = rename.file().file();
            history.rename(connection, rename.missing().version(), file.version(), file.name());
            renamed.add(rename.missing().version());
            changes.add(new RepairChange(file.version(), RepairChange.Kind.RENAMED, "renamed " + rename.describe()
                    + "; recorded as applied, it will not run again"));
        }
        for (MigrationStatus m : report.migrations()) {
            switch (m.state()) {
                case APPLIED, PENDING, OUT_OF_ORDER, RUNNING -> { }
                case MODIFIED -> {
                    history.updateChecksum(connection, m.version(), m.file().checksum());
                    changes.add(new RepairChange(m.version(), RepairChange.Kind.CHECKSUM_REALIGNED,
                            "checksum " + Checksum.shortForm(m.applied().checksum()) + " -> "
                                    + Checksum.shortForm(m.file().checksum())));
                }
                case FAILED -> {
                    history.delete(connection, m.version());
                    changes.add(new RepairChange(m.version(), RepairChange.Kind.FAILED_ROW_REMOVED,
                            "removed the failed row; it will run again"));
                }
                case MISSING -> {
                    if (!renamed.contains(m.version())) {
                        history.delete(connection, m.version());
                        changes.add(new RepairChange(m.version(), RepairChange.Kind.MISSING_ROW_REMOVED,
                                "removed the row of the missing file; what it did stays in the database"));
                    }
                }
            }
        }
        return changes;
    }
}
