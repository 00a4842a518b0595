package trading.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import trading.db.SqlErrors;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.sqlfile.MigrationFile;
import trading.sqlfile.SqlStatement;

/**
 * Runs one migration file on the migrating connection of a {@link LockedSession}.
 *
 * <p>A transactional migration goes to the server in one round trip: the session reset,
 * BEGIN, its lock_timeout, every statement, the history row and COMMIT. Nothing is ever
 * sent twice: when a statement fails, {@link StatementBatch} says which one, and the
 * server's error position says the line. After any error the lock's own session reads
 * whether the history row exists, so the outcome reported is the one that happened.
 *
 * <p>A {@code Transaction: none} migration runs statement by statement in autocommit (so
 * several {@code CREATE INDEX CONCURRENTLY} work); its history row is written first as
 * failed and marked succeeded at the end, so a crash part-way leaves a failed row that
 * says what to do, never a silent half-applied migration.
 */
final class MigrationRunner {
    /** What happened to one file: whether it is applied now, and the failure that stopped the run, if any. */
    record Outcome(boolean applied, long millis, Optional<MigrationFailure> failure) { }

    private static final String LOCK_LOST = "  The run no longer holds the migration lock: its session ended (did a"
            + " migration terminate it?), so another deploy may be migrating now. The toolkit stopped.\n";

    private final LockedSession session;
    private final Connection connection;
    private final History history;
    private final MigrationSettings settings;

    MigrationRunner(LockedSession session, MigrationSettings settings) {
        this.session = session;
        this.connection = session.connection();
        this.history = session.history();
        this.settings = settings;
    }

    Outcome apply(MigrationFile file) throws SQLException {
        return switch (file.transaction()) {
            case TRANSACTIONAL -> applyInTransaction(file);
            case NONE -> applyWithoutTransaction(file);
        };
    }

    private Outcome applyInTransaction(MigrationFile file) throws SQLException {
        Frame frame = new Frame(session.resetStatements());
        frame.add("BEGIN");
        frame.add(Transactions.setLocalLockTimeout(settings.ddlLockTimeout()));
        int firstStatement = frame.size();
        file.statements().forEach(s -> frame.add(s.sql()));
        LockedSession.ownIdentity().forEach(frame::add);
        int historyWrite = frame.size();
        history.insertStatements(file, true).forEach(frame::add);
        int lockCheck = frame.add(session.lockStillHeld());
        int commit = frame.add("COMMIT");

        long start = System.nanoTime();
        StatementBatch.Outcome outcome = StatementBatch.run(connection, frame.statements());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (outcome.succeeded()) {
            return new Outcome(true, millis, Optional.empty());
        }
        SQLException error = outcome.error().orElseThrow();
        int failed = outcome.failedIndex();
        // With the connection intact the server ran nothing after the error, COMMIT included;
        // a broken one may have failed after the server committed, so ask the lock's session.
        boolean intact = !connection.isClosed();
        rollbackQuietly();
        boolean committed = (!intact || failed >= commit) && recorded(file);
        String consequence = committed
                ? "  Yet its transaction COMMITTED: " + file.version() + " is applied and recorded, as a fresh session"
                        + " reads it. The connection failed only afterwards; run migrate again for the rest."
                : "  Nothing from this migration was applied: its changes and its history row were rolled back"
                        + " together. " + (session.cancelled() ? "Run migrate again to apply it."
                                : "Fix the file and run migrate again.");
        MigrationFailure failure;
        if (failed >= firstStatement && failed < firstStatement + file.statements().size()) {
            failure = MigrationFailure.of(file.path(), file.statements().get(failed - firstStatement), error,
                    interruption() + consequence);
        } else if (failed >= historyWrite && failed < lockCheck) {
            failure = MigrationFailure.outside(file.path(), "while recording it in " + history.qualifiedName(), error,
                    historyProblem(file, error) + consequence);
        } else if (failed == lockCheck) {
            failure = MigrationFailure.outside(file.path(), "checking the migration lock before COMMIT", error,
                    LOCK_LOST + consequence);
        } else if (failed == commit) {
            failure = MigrationFailure.outside(file.path(), "at COMMIT", error,
                    "  A deferred constraint or trigger is checked only at COMMIT; it failed there.\n" + consequence);
        } else {
            failure = MigrationFailure.outside(file.path(), "in the toolkit's own statements around it", error,
                    interruption() + consequence);
        }
        return new Outcome(committed, millis, Optional.of(failure));
    }

    private Outcome applyWithoutTransaction(MigrationFile file) throws SQLException {
        List<String> opening = new ArrayList<>(session.resetStatements());
        int lockCheck = opening.size();
        opening.add(session.lockStillHeld());
        opening.addAll(history.insertStatements(file, false));
        StatementBatch.Outcome recorded = StatementBatch.run(connection, opening);
        if (!recorded.succeeded()) {
            SQLException error = recorded.error().orElseThrow();
            return new Outcome(false, 0, Optional.of(recorded.failedIndex() == lockCheck
                    ? MigrationFailure.outside(file.path(), "checking the migration lock", error, LOCK_LOST
                            + "  None of its statements ran.")
                    : MigrationFailure.outside(file.path(), "while recording it in " + history.qualifiedName()
                            + " before it ran", error, historyProblem(file, error) + "  None of its statements ran.")));
        }
        List<SqlStatement> done = new ArrayList<>();
        long start = System.nanoTime();
        for (SqlStatement statement : file.statements()) {
            if (session.cancelled()) {
                return new Outcome(false, 0, Optional.of(new MigrationFailure(file.path(), statement.line(), "57014",
                        "stopped before this statement: the run was interrupted", recoveryAdvice(file, done))));
            }
            StatementBatch.Outcome outcome = StatementBatch.run(connection, List.of(statement.sql()));
            if (!outcome.succeeded()) {
                return new Outcome(false, 0, Optional.of(MigrationFailure.of(file.path(), statement,
                        outcome.error().orElseThrow(), interruption() + recoveryAdvice(file, done))));
            }
            done.add(statement);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> closing = new ArrayList<>(LockedSession.ownIdentity());
        closing.addAll(history.markSucceededStatements(file.version(), millis));
        StatementBatch.Outcome marked = StatementBatch.run(connection, closing);
        if (!marked.succeeded()) {
            SQLException error = marked.error().orElseThrow();
            return new Outcome(false, millis, Optional.of(MigrationFailure.outside(file.path(),
                    "while marking it as succeeded in " + history.qualifiedName(), error,
                    historyProblem(file, error) + "  Every statement of it ran, but it stays recorded as FAILED."
                            + " Check that it did what it should, then run `migrate --repair` and migrate again.")));
        }
        return new Outcome(true, millis, Optional.empty());
    }

    /** Whether the history row of {@code file} exists now, read on a session that ran none of its SQL. */
    private boolean recorded(MigrationFile file) {
        try {
            return session.isRecorded(file.version());
        } catch (SQLException e) {
            throw new ToolkitException(FailureKind.MIGRATION_FAILED, file.path() + " failed, and then the toolkit could"
                    + " not read " + history.qualifiedName() + " to learn whether its transaction committed: "
                    + SqlErrors.describe(e) + "\nRun status to see whether " + file.version() + " is recorded.", e);
        }
    }

    /** Ends the failed transaction; a broken connection needs nothing, and must not hide the real error. */
    private void rollbackQuietly() {
        try {
            if (!connection.isClosed()) {
                StatementBatch.run(connection, List.of("ROLLBACK"));
            }
        } catch (SQLException e) {
            // The connection is gone; the server rolled the transaction back when it went.
        }
    }

    private String interruption() {
        return session.cancelled() ? "  The run was interrupted (Ctrl-C or SIGTERM): the statement was cancelled.\n" : "";
    }

    private String historyProblem(MigrationFile file, SQLException error) {
        if (History.wasSwallowed(error)) {
            return "  " + history.swallowed().getMessage() + "\n";
        }
        if ("22P05".equals(error.getSQLState()) || "22021".equals(error.getSQLState())) {
            return "  Its name ('" + file.name() + "', from the -- Description: header or the file name) has a"
                    + " character this database's encoding cannot store. Change the header to characters it can.\n";
        }
        return "";
    }

    private static String recoveryAdvice(MigrationFile file, List<SqlStatement> done) {
        StringBuilder out = new StringBuilder("  This is a 'Transaction: none' migration, so it is now recorded as FAILED and")
                .append(" blocks further migrations until repaired.\n");
        if (done.isEmpty()) {
            out.append("  No earlier statement of it ran.");
        } else {
            out.append("  These statements ran before the failure and were NOT undone: lines ");
            out.append(String.join(", ", done.stream().map(d -> String.valueOf(d.line())).toList())).append('.');
        }
        out.append(" A failed CREATE INDEX CONCURRENTLY leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY.\n")
                .append("  To recover: 1) undo what ran, or make the file safe to re-run (IF NOT EXISTS);")
                .append(" 2) run `migrate --repair` to clear the failed record of ").append(file.version())
                .append("; 3) run migrate again.");
        return out.toString();
    }

    /** The statements of one round trip, with the index of each as it is added. */
    private static final class Frame {
        private final List<String> statements;

        Frame(List<String> opening) {
            statements = new ArrayList<>(opening);
        }

        int add(String statement) {
            statements.add(statement);
            return statements.size() - 1;
        }

        int size() {
            return statements.size();
        }

        List<String> statements() {
            return statements;
        }
    }
}
