package trading.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import trading.db.Database;

/**
 * The two connections of everything that changes the database: one holds the migration
 * lock and never runs a line of migration SQL, the other runs the migrations.
 *
 * <p>Keeping the lock apart means no migration can release it ({@code pg_advisory_unlock_all()},
 * {@code DISCARD ALL}) and let a second deploy in, and that after an error the lock's
 * session, untouched by the migration, can read whether the migration's transaction
 * committed (docs/engine.md, "Two connections" and "After an error").
 */
final class LockedSession implements AutoCloseable {
    private final Connection lockConnection;
    private final AdvisoryLock lock;
    private final Connection work;
    private final History history;
    private final List<String> resetStatements;
    private final int lockPid;
    private volatile boolean cancelled;

    private LockedSession(Connection lockConnection, AdvisoryLock lock, Connection work, History history,
                          int serverMajorVersion, int lockPid) {
        this.lockConnection = lockConnection;
        this.lock = lock;
        this.work = work;
        this.history = history;
        this.resetStatements = reset(serverMajorVersion);
        this.lockPid = lockPid;
    }

    static LockedSession open(Database database, MigrationSettings settings, MigrationListener listener)
            throws SQLException {
        Connection lockConnection = configured(database.connect());
        try {
            AdvisoryLock lock = AdvisoryLock.acquire(lockConnection, settings.lockTimeout(), listener::waitingForLock);
            Connection work = configured(database.connect());
            return new LockedSession(lockConnection, lock, work, History.locate(lockConnection),
                    lockConnection.getMetaData().getDatabaseMajorVersion(),
                    lockConnection.unwrap(PGConnection.class).getBackendPID());
        } catch (SQLException | RuntimeException e) {
            lockConnection.close();
            throw e;
        }
    }

    /** A connection for reading only, configured like the others. */
    static Connection configured(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String setting : sessionSettings(c.getMetaData().getDatabaseMajorVersion())) {
                s.execute(setting);
            }
        }
        return c;
    }

    /** The connection that runs migration SQL. */
    Connection connection() {
        return work;
    }

    History history() {
        return history;
    }

    /**
     * Statements that put the migrating session back to the connection's own settings, role
     * and session user, so each migration means the same whether it runs alone or after
     * others, and the toolkit's own statements run as the user that connected.
     */
    List<String> resetStatements() {
        return resetStatements;
    }

    /**
     * A statement for the migrating session that fails with 22012 unless the lock's session
     * still holds the lock: a migration that ends that session (pg_terminate_backend) must
     * not commit while a second deploy may already have taken the lock.
     */
    String lockStillHeld() {
        return AdvisoryLock.stillHeldBySql(lockPid);
    }

    /** The statements that make the toolkit's own writes run as the connecting user, inside a migration's transaction. */
    static List<String> ownIdentity() {
        return List.of("RESET SESSION AUTHORIZATION", "RESET ROLE");
    }

    /**
     * Whether {@code version} is recorded as applied, read on the lock's session: the
     * migrating one may be broken or inside an aborted transaction after an error.
     */
    boolean isRecorded(String version) throws SQLException {
        return history.isRecorded(lockConnection, version);
    }

    /**
     * Asks the server to cancel what the migrating session runs now, and stops the run
     * before its next migration. A protocol-level cancel, so no setting a migration makes
     * can prevent it.
     */
    void cancel() {
        cancelled = true;
        try {
            work.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            // Nothing is running, or the connection is gone: either way nothing more will run.
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void close() throws SQLException {
        try (lockConnection; lock; work) {
            // Closed in reverse order: the migrating session ends before the lock is released.
        }
    }

    private static List<String> reset(int serverMajorVersion) {
        List<String> reset = new ArrayList<>(List.of("RESET ALL"));
        reset.addAll(ownIdentity());
        reset.addAll(sessionSettings(serverMajorVersion));
        return List.copyOf(reset);
    }

    /** A killed client's backend notices within seconds, so its transaction and lock go with it. */
    private static List<String> sessionSettings(int serverMajorVersion) {
        return serverMajorVersion >= 14 ? List.of("SET client_connection_check_interval = '2s'") : List.of();
    }
}
