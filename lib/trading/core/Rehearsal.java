package trading.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes the pending migrations for real, then rolls everything back. All of them run in
 * one outer transaction, in order, so a migration sees what the earlier ones did, and a
 * savepoint per file lets the rehearsal go on after a failure to report every file.
 * It takes the same locks the real migration would, for as long as it runs.
 */
final class Rehearsal {
    private final Connection connection;
    private final MigrationSettings settings;
    private final MigrationListener listener;

    Rehearsal(Connection connection, MigrationSettings settings, MigrationListener listener) {
        this.connection = connection;
        this.settings = settings;
        this.listener = listener;
    }

    List<RehearsalOutcome> run(MigrationPlan plan) throws SQLException {
        List<RehearsalOutcome> outcomes = new ArrayList<>();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            History history = History.locate(connection);
            history.prepare(connection, new MigrationDirectory(settings.migrationsDirectory(), List.of()));
            for (MigrationFile file : plan.toApply()) {
                if (file.transaction() == TransactionMode.NONE) {
                    outcomes.add(new RehearsalOutcome(file, RehearsalOutcome.Kind.NOT_REHEARSABLE, 0, null));
                    continue;
                }
                listener.applying(file);
                s.execute("SAVEPOINT rehearse_file");
                s.execute("SET LOCAL lock_timeout = '" + settings.ddlLockTimeout() + "'");
                long start = System.nanoTime();
                SqlStatement current = null;
                try {
                    for (SqlStatement statement : file.statements()) {
                        current = statement;
                        s.execute(statement.sql());
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    history.insert(connection, file, millis, true);
                    s.execute("RELEASE SAVEPOINT rehearse_file");
                    outcomes.add(new RehearsalOutcome(file, RehearsalOutcome.Kind.OK, millis, null));
                    listener.applied(file, millis);
                } catch (SQLException e) {
                    s.execute("ROLLBACK TO SAVEPOINT rehearse_file");
                    MigrationFailure failure = MigrationFailure.of(file.path(), current, e, "");
                    outcomes.add(new RehearsalOutcome(file, RehearsalOutcome.Kind.FAILED,
                            (System.nanoTime() - start) / 1_000_000, failure));
                    listener.failed(file, failure);
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return outcomes;
    }
}
