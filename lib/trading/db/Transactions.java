package trading.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Runs work in one transaction: all of it commits, or none. On a connection already inside
 * a transaction (autocommit off) the work joins that transaction, which its owner commits
 * or rolls back: a rehearsal, for one, must never be committed from inside.
 *
 * <p>Work that changes the schema runs under a {@code lock_timeout}, so it fails fast
 * instead of queueing every other query behind its lock; {@link #setLocalLockTimeout}
 * is the one place that text is made, for the callers that must send it themselves.
 */
public final class Transactions {
    /** A duration PostgreSQL understands, in the forms the toolkit accepts: digits and an optional unit. */
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("\\d+(ms|s|min|h)?");

    /** Work that may fail with a database error. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {}

    /**
     * Runs {@code work} and commits; on any failure rolls back and rethrows it. When the
     * rollback fails too (the connection broke, say), that failure is added to the original
     * as suppressed, so the error reported is the one that stopped the work.
     */
    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        if (!c.getAutoCommit()) {
            return work.run();
        }
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            c.setAutoCommit(true);
            return result;
        } catch (Throwable e) {
            rollbackAfter(c, e);
            throw e;
        }
    }

    /**
     * As {@link #inTransaction}, with {@code SET LOCAL lock_timeout} as the transaction's first
     * statement; {@code lockTimeout} as {@link #isLockTimeout} accepts it.
     */
    public static <T> T inTransactionWithLockTimeout(Connection c, String lockTimeout, Work<T> work)
            throws SQLException {
        String setLockTimeout = setLocalLockTimeout(lockTimeout);
        return inTransaction(c, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(setLockTimeout);
            }
            return work.run();
        });
    }

    /** Whether {@code text} is a lock_timeout the toolkit sends: e.g. 5s, 500ms, 2min, 1h, or 0 (wait forever). */
    public static boolean isLockTimeout(String text) {
        return text != null && LOCK_TIMEOUT.matcher(text).matches();
    }

    /**
     * {@code SET LOCAL lock_timeout = '<lockTimeout>'}. The value goes into the SQL as it is,
     * so anything {@link #isLockTimeout} refuses is refused here too.
     */
    public static String setLocalLockTimeout(String lockTimeout) {
        if (!isLockTimeout(lockTimeout)) {
            throw new IllegalArgumentException("not a lock_timeout: " + lockTimeout);
        }
        return "SET LOCAL lock_timeout = '" + lockTimeout + "'";
    }

    /**
     * Ends the failed transaction. Autocommit comes back on only after a rollback that
     * worked: turning it on in an open transaction would commit that transaction.
     */
    private static void rollbackAfter(Connection c, Throwable cause) {
        try {
            if (!c.isClosed()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
