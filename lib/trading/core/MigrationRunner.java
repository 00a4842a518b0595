package trading.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one migration file on a connection that holds the migration lock.
 *
 * <p>A transactional migration runs in one transaction with its history row, under
 * {@code SET LOCAL lock_timeout}: it commits whole or leaves no trace. A
 * {@code Transaction: none} migration runs statement by statement in autocommit (so
 * several {@code CREATE INDEX CONCURRENTLY} work, unlike golang-migrate 284); its history
 * row is written first as failed and marked succeeded at the end, so a crash part-way
 * leaves a failed row that says what to do, never a silent half-applied migration.
 */
final class MigrationRunner {
    private final Connection connection;
    private final MigrationSettings settings;

    MigrationRunner(Connection connection, MigrationSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** Applies {@code file} and records it; returns the milliseconds its statements took. */
    long apply(MigrationFile file) throws SQLException {
        return switch (file.transaction()) {
            case TRANSACTIONAL -> applyInTransaction(file);
            case NONE -> applyWithoutTransaction(file);
        };
    }

    /**
     * One round trip: BEGIN, the lock_timeout, every statement, the history row (with the
     * execution time as the server measured it) and COMMIT go to the server together, which
     * is fewer round trips than psql needs. If anything fails, the server skips the rest and
     * the transaction is rolled back; then the file runs again statement by statement, only
     * to name the failing statement and its line. A failing migration leaves no trace.
     */
    private long applyInTransaction(MigrationFile file) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("BEGIN;" + lockTimeout() + wholeFile(file) + History.insertSql(file) + "COMMIT;");
            return (System.nanoTime() - start) / 1_000_000;
        } catch (SQLException firstAttempt) {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK");
            }
        }
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            long millis = applyStatementByStatement(file, s);
            History.insert(connection, file, millis, true);
            connection.commit();
            return millis;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private long applyStatementByStatement(MigrationFile file, Statement s) throws SQLException {
        s.execute(lockTimeout());
        long start = System.nanoTime();
        for (SqlStatement statement : file.statements()) {
            try {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw MigrationFailure.of(file.path(), statement, e, "  Nothing from this migration was applied:"
                        + " its changes and its history row were rolled back together. Fix the file and run migrate again.");
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private String lockTimeout() {
        return "SET LOCAL lock_timeout = '" + settings.ddlLockTimeout() + "';";
    }

    /**
     * The statements again as one text; pgjdbc sends them together, in one round trip. No
     * separator after each semicolon, so pg_stat_activity shows each statement as written.
     */
    private static String wholeFile(MigrationFile file) {
        StringBuilder text = new StringBuilder();
        for (SqlStatement statement : file.statements()) {
            text.append(statement.sql());
            if (!statement.sql().endsWith(";")) {
                text.append(';');
            }
        }
        return text.toString();
    }

    private long applyWithoutTransaction(MigrationFile file) throws SQLException {
        History.insert(connection, file, 0, false);
        List<SqlStatement> done = new ArrayList<>();
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            for (SqlStatement statement : file.statements()) {
                try {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    throw MigrationFailure.of(file.path(), statement, e, recoveryAdvice(file, done));
                }
                done.add(statement);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        History.markSucceeded(connection, file.version(), millis);
        return millis;
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
}
