package trading.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.BiConsumer;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/**
 * The lock that keeps concurrent deploys from migrating at once: a session-level advisory
 * lock, so it dies with its connection when a process is killed (a lock kept in a table
 * row would outlive the process and block every later deploy). It is taken by polling
 * {@code pg_try_advisory_lock}: a session blocked in {@code pg_advisory_lock} would
 * deadlock against {@code CREATE INDEX CONCURRENTLY}, which waits for every open
 * transaction, and a bounded wait that names the holder beats an endless silent one
 * (docs/engine.md, "Two connections: the lock and the work").
 */
public final class AdvisoryLock implements AutoCloseable {
    /** "trading-db" in the key's bytes; the same for every process migrating this database. */
    public static final long KEY = 0x7472_6164_696E_6764L;
    private static final long FIRST_POLL_MS = 25;
    private static final long MAX_POLL_MS = 500;

    private final Connection connection;

    private AdvisoryLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes the lock on {@code connection}, waiting at most {@code timeout}. While waiting,
     * {@code onWait} hears who holds it and for how long we have waited.
     */
    public static AdvisoryLock acquire(Connection connection, Duration timeout, BiConsumer<Optional<LockHolder>, Duration> onWait)
            throws SQLException {
        long start = System.nanoTime();
        long pause = FIRST_POLL_MS;
        Optional<LockHolder> lastHolder = null;
        long lastReport = 0;
        while (true) {
            if (tryLock(connection)) {
                return new AdvisoryLock(connection);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            Optional<LockHolder> holder = holder(connection);
            if (waited.compareTo(timeout) >= 0) {
                throw new ToolkitException(FailureKind.LOCK_TIMEOUT, "Another migration holds the lock on this database: "
                        + holder.map(LockHolder::describe).orElse("its holder is not visible to this user")
                        + ". Gave up after " + timeout.toSeconds() + " s (--lock-timeout)."
                        + " Let it finish and run again, or raise --lock-timeout. If that process is stuck,"
                        + " end its session with SELECT pg_terminate_backend(pid); the lock goes with it.");
            }
            boolean changed = lastHolder == null || !lastHolder.equals(holder);
            if (changed || waited.toMillis() - lastReport >= 5_000) {
                onWait.accept(holder, waited);
                lastHolder = holder;
                lastReport = waited.toMillis();
            }
            sleep(Math.min(pause, Math.max(1, timeout.minus(waited).toMillis())));
            pause = Math.min(MAX_POLL_MS, pause * 2);
        }
    }

    /**
     * A statement, for another session, that fails with SQLSTATE 22012 unless the backend
     * {@code pid} still holds the lock: so a migration's transaction commits only while its
     * run holds the lock, even if the migration ended the lock's session.
     */
    static String stillHeldBySql(int pid) {
        return "SELECT 1 OPERATOR(pg_catalog./) (pg_catalog.count(*) OPERATOR(pg_catalog.=) 1)::pg_catalog.int4"
                + " FROM pg_catalog.pg_locks WHERE locktype OPERATOR(pg_catalog.=) 'advisory' AND granted"
                + " AND pid OPERATOR(pg_catalog.=) " + pid + " AND objsubid OPERATOR(pg_catalog.=) 1"
                + " AND classid::pg_catalog.int8 OPERATOR(pg_catalog.=) " + (KEY >>> 32)
                + " AND objid::pg_catalog.int8 OPERATOR(pg_catalog.=) " + (KEY & 0xFFFF_FFFFL);
    }

    /** Who holds the lock now, if anyone this user can see. */
    public static Optional<LockHolder> holder(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start, a.state, a.state_change"
                        + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                        + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
                        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            p.setLong(1, KEY >>> 32);
            p.setLong(2, KEY & 0xFFFF_FFFFL);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockHolder(r.getInt(1), r.getString(2), r.getString(3),
                        r.getObject(4, OffsetDateTime.class), r.getString(5), r.getObject(6, OffsetDateTime.class)));
            }
        }
    }

    /**
     * Releases the lock. If its session is gone (ended by the server or by a migration), so
     * is the lock: a session-level lock lives no longer than its session.
     */
    @Override
    public void close() {
        try {
            if (!connection.isClosed()) {
                try (PreparedStatement p = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    p.setLong(1, KEY);
                    p.execute();
                }
            }
        } catch (SQLException e) {
            // The session is gone, and the lock with it.
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            p.setLong(1, KEY);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolkitException(FailureKind.LOCK_TIMEOUT, "Interrupted while waiting for the migration lock.");
        }
    }
}
