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

    private long applyInTransaction(MigrationFile file) throws SQLException {
        connection.setAutoCommit(false);
        SqlStatement current = null;
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("SET LOCAL lock_timeout = '" + settings.ddlLockTimeout() + "'");
            long start = System.nanoTime();
            for (SqlStatement statement : file.statements()) {
                current = statement;
                s.execute(statement.sql());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            current = null;
            History.insert(connection, file, millis, true);
            connection.commit();
            return millis;
        } catch (SQLException e) {
            connection.rollback();
            if (current == null) {
                throw e;
            }
            throw MigrationFailure.of(file.path(), current, e, "  Nothing from this migration was applied: its"
                    + " changes and its history row were rolled back together. Fix the file and run migrate again.");
        } finally {
            connection.setAutoCommit(true);
        }
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
