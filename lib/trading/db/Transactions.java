package trading.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction: all of it commits, or none. On a connection already inside
 * a transaction (autocommit off) the work joins that transaction, which its owner commits
 * or rolls back: a rehearsal, for one, must never be committed from inside.
 */
public final class Transactions {
    /** Work that may fail with a database error. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {}

    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        if (!c.getAutoCommit()) {
            return work.run();
        }
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
