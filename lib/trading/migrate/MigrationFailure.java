package trading.migrate;

import java.nio.file.Path;
import java.sql.SQLException;
import trading.db.SqlErrors;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.sqlfile.SqlStatement;

/**
 * A migration that PostgreSQL refused: the file, the line inside it, the SQLSTATE and the
 * server's message, and what the user should do next.
 */
public final class MigrationFailure extends ToolkitException {
    private final Path file;
    private final int line;
    private final String sqlState;
    private final String serverMessage;

    public MigrationFailure(Path file, int line, String sqlState, String serverMessage, String explanation) {
        super(FailureKind.MIGRATION_FAILED, file + (line > 0 ? ":" + line : "") + ": "
                + SqlErrors.headline(sqlState, serverMessage)
                + (explanation.isBlank() ? "" : "\n" + explanation.stripTrailing()));
        this.file = file;
        this.line = line;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
    }

    /** Builds the failure of {@code statement} in {@code file}; {@code recovery} says what state it left behind. */
    public static MigrationFailure of(Path file, SqlStatement statement, SQLException e, String recovery) {
        return of(file, statement, "", e, recovery);
    }

    /**
     * A failure of {@code file} that no statement of it raised: at COMMIT, or in the
     * toolkit's own statements around it; {@code where} says which.
     */
    public static MigrationFailure outside(Path file, String where, SQLException e, String recovery) {
        return of(file, null, " (" + where + ")", e, recovery);
    }

    private static MigrationFailure of(Path file, SqlStatement statement, String where, SQLException e,
                                       String recovery) {
        String state = SqlErrors.sqlState(e);
        StringBuilder explanation = new StringBuilder(SqlErrors.detailLines(e));
        if ("55P03".equals(state)) {
            explanation.append("  The migration waited longer than its lock_timeout (--ddl-lock-timeout) for a lock that")
                    .append(" another session holds, and gave up instead of stalling traffic behind it.\n")
                    .append("  Find the blocker: SELECT pid, state, xact_start, left(query, 60) FROM pg_stat_activity")
                    .append(" WHERE xact_start IS NOT NULL ORDER BY xact_start;\n")
                    .append("  Run migrate again when it has finished, or raise --ddl-lock-timeout.\n");
        }
        explanation.append(recovery);
        return new MigrationFailure(file, statement == null ? 0 : statement.lineOf(SqlErrors.position(e)), state,
                SqlErrors.message(e) + where, explanation.toString());
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String sqlState() {
        return sqlState;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
