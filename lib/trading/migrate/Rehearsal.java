package trading.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.sqlfile.MigrationDirectory;
import trading.sqlfile.MigrationFile;
import trading.sqlfile.SqlStatement;
import trading.sqlfile.TransactionMode;

/**
 * Executes the pending migrations for real, then rolls everything back. All of them run in
 * one outer transaction, in order, so a migration sees what the earlier ones did, and a
 * savepoint per file lets the rehearsal go on after a failure to report every file.
 * It takes the same locks the real migration would, for as long as it runs.
 *
 * <p>A rehearsal must change nothing: after every statement it checks that its one
 * transaction is still open, and before writing a file's history row that it is still the
 * same transaction; otherwise it stops. At the end of every file it runs the checks that
 * COMMIT would run. docs/migration-files.md describes what a rehearsal cannot undo.
 */
final class Rehearsal {
    private final Connection connection;
    private final MigrationSettings settings;
    private final MigrationListener listener;
    private final History history;

    Rehearsal(Connection connection, History history, MigrationSettings settings, MigrationListener listener) {
        this.history = history;
        this.connection = connection;
        this.settings = settings;
        this.listener = listener;
    }

    List<RehearsalOutcome> run(MigrationPlan plan) throws SQLException {
        List<RehearsalOutcome> outcomes = new ArrayList<>();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            history.prepare(connection, new MigrationDirectory(settings.migrationsDirectory(), List.of()));
            OpenTransaction outer = OpenTransaction.of(connection);
            for (MigrationFile file : plan.toApply()) {
                if (file.transaction() == TransactionMode.NONE) {
                    outcomes.add(new RehearsalOutcome(file, RehearsalOutcome.Kind.NOT_REHEARSABLE, 0, null));
                    continue;
                }
                listener.applying(file);
                s.execute("SAVEPOINT rehearse_file");
                s.execute(Transactions.setLocalLockTimeout(settings.ddlLockTimeout()));
                long start = System.nanoTime();
                List<SqlStatement> statements = file.statements();
                SqlStatement current = statements.isEmpty() ? new SqlStatement("", 1) : statements.get(0);
                boolean atCommit = false;
                try {
                    for (SqlStatement statement : statements) {
                        current = statement;
                        s.execute(statement.sql());
                        if (!outer.stillOpen()) {
                            throw escaped(file, statement);
                        }
                    }
                    atCommit = true;
                    checkAsCommitWould(s);
                    if (!outer.stillSame()) {
                        throw escaped(file, null);
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    for (String identity : LockedSession.ownIdentity()) {
                        s.execute(identity);
                    }
                    history.insert(connection, file, millis, true);
                    s.execute("RELEASE SAVEPOINT rehearse_file");
                    outcomes.add(new RehearsalOutcome(file, RehearsalOutcome.Kind.OK, millis, null));
                    listener.applied(file, millis);
                } catch (SQLException e) {
                    if (!outer.stillOpen()) {
                        throw escaped(file, atCommit ? null : current);
                    }
                    s.execute("ROLLBACK TO SAVEPOINT rehearse_file");
                    if (!outer.stillSame()) {
                        throw escaped(file, atCommit ? null : current);
                    }
                    SqlStatement at = atCommit ? new SqlStatement("", current.line()) : current;
                    MigrationFailure failure = MigrationFailure.of(file.path(), at, e, atCommit
                            ? "  Found when the rehearsal checked the deferred constraints and triggers at the end of"
                            + " the file, as COMMIT does: the real migration would fail at its COMMIT." : "");
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

    /**
     * Runs the checks that only COMMIT would run: deferred constraints (DEFERRABLE INITIALLY
     * DEFERRED unique, exclusion and foreign keys) and deferred constraint triggers. Inside a
     * savepoint that is then rolled back, PostgreSQL restores each constraint's deferred mode
     * and marks the checked events as pending again, so the files after this one run as they
     * would in the real migration, where each file is its own transaction.
     */
    private static void checkAsCommitWould(Statement s) throws SQLException {
        s.execute("SAVEPOINT rehearse_commit_checks");
        s.execute("SET CONSTRAINTS ALL IMMEDIATE");
        s.execute("ROLLBACK TO SAVEPOINT rehearse_commit_checks");
        s.execute("RELEASE SAVEPOINT rehearse_commit_checks");
    }

    /**
     * A statement ended the rehearsal's transaction; StatementGuard should have refused it.
     * Nothing more runs, and no history row is written outside the transaction.
     */
    private static ToolkitException escaped(MigrationFile file, SqlStatement statement) {
        String where = statement == null ? file.path().toString()
                : file.path() + ":" + statement.line();
        return new ToolkitException(FailureKind.MIGRATION_FAILED, where + ": this ended the rehearsal's transaction"
                + " (a COMMIT or ROLLBACK hidden in it, or a routine that ends the transaction), so the rehearsal"
                + " stopped here and ran nothing more. What this and the files before it changed may have been"
                + " committed: check the database. Remove the transaction control from " + file.path().getFileName()
                + "; the toolkit runs each migration in one transaction itself.");
    }
}
