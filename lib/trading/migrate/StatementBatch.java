package trading.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Optional;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.CachedQuery;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;

/**
 * Sends statements to the server in one round trip and says exactly how far they got.
 *
 * <p>{@link java.sql.Statement#execute} on several statements forgets, on an error, which
 * of them failed, keeps every row a {@code SELECT} returns and every NOTICE the server
 * sends (a migration that raises a million notices would fill the heap). This goes one
 * level down, to pgjdbc's query executor, with a handler that counts completed
 * statements, drops rows as each statement ends and notices as they come. Nothing is ever
 * sent twice: the index of the failing statement comes from the count, and the line inside
 * it from the server's error position (docs/engine.md, "One round trip per transactional
 * migration").
 *
 * <p>pgjdbc splits the text at its own statement boundaries. When those disagree with
 * ours (so the count could not be mapped back), the statements go one round trip each.
 */
final class StatementBatch {
    /**
     * Not {@code QUERY_NO_RESULTS}: pgjdbc then asks for one row only, so a {@code SELECT}
     * whose side effects run per row would stop after the first.
     */
    private static final int FLAGS = QueryExecutor.QUERY_ONESHOT;
    /** In autocommit, as {@link java.sql.Statement} does: without it pgjdbc would open a transaction first. */
    private static final int AUTOCOMMIT_FLAGS = FLAGS | QueryExecutor.QUERY_SUPPRESS_BEGIN;

    /** How a batch ended: {@code completed} statements succeeded; {@code error} stopped the one after them. */
    record Outcome(int completed, Optional<SQLException> error) {
        boolean succeeded() {
            return error.isEmpty();
        }

        /** Index of the statement that failed; only meaningful when {@link #succeeded()} is false. */
        int failedIndex() {
            return completed;
        }
    }

    private StatementBatch() {}

    /** Runs {@code statements} (each one complete SQL statement) on {@code connection}. */
    static Outcome run(Connection connection, List<String> statements) throws SQLException {
        QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
        Handler handler = new Handler();
        int flags = connection.getAutoCommit() ? AUTOCOMMIT_FLAGS : FLAGS;
        CachedQuery whole = executor.createQuery(joined(statements), false, false);
        if (subqueryCount(whole.query) == statements.size()) {
            executor.execute(whole.query, whole.query.createParameterList(), handler, 0, 0, flags);
            return handler.outcome();
        }
        for (String statement : statements) {
            CachedQuery one = executor.createQuery(withoutFinalSemicolon(statement), false, false);
            int before = handler.completed;
            executor.execute(one.query, one.query.createParameterList(), handler, 0, 0, flags);
            if (handler.error != null) {
                break;
            }
            // One of our statements that pgjdbc split further still counts once.
            handler.completed = before + 1;
        }
        return handler.outcome();
    }

    /**
     * The statements as one text. Each separator starts with a line break, so a statement
     * that ends in a {@code --} comment cannot swallow it, and ends with the semicolon, so
     * the next statement's text, and so the server's error positions in it, start exactly
     * where ours does.
     */
    private static String joined(List<String> statements) {
        StringBuilder text = new StringBuilder();
        for (String statement : statements) {
            if (!text.isEmpty()) {
                text.append("\n;");
            }
            text.append(withoutFinalSemicolon(statement));
        }
        return text.toString();
    }

    private static String withoutFinalSemicolon(String statement) {
        String trimmed = statement.stripTrailing();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static int subqueryCount(Query query) {
        Query[] parts = query.getSubqueries();
        return parts == null ? 1 : parts.length;
    }

    /** Counts completions, drops rows and notices, and keeps the first error. */
    private static final class Handler extends ResultHandlerBase {
        private int completed;
        private SQLException error;

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            completed++;
        }

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            completed++;
        }

        @Override
        public void handleWarning(SQLWarning warning) {
            // Nothing shows a migration's notices, and keeping them would let one migration fill the heap.
        }

        @Override
        public void handleError(SQLException e) {
            if (error == null) {
                error = e;
            }
        }

        @Override
        public void handleCompletion() {
            // The outcome carries the error; nothing is thrown here.
        }

        Outcome outcome() {
            return new Outcome(completed, Optional.ofNullable(error));
        }
    }
}
