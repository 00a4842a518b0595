package trading.migrate;

import java.nio.file.Path;
import java.time.Duration;
import trading.db.Transactions;
import trading.failure.ToolkitException;

/**
 * How to migrate: where the files are, how long to wait for the migration lock, the
 * lock_timeout each transactional migration runs under, and whether out-of-order files may run.
 */
public record MigrationSettings(Path migrationsDirectory, Duration lockTimeout, String ddlLockTimeout,
                                boolean outOfOrder) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_DDL_LOCK_TIMEOUT = "5s";

    public MigrationSettings {
        if (lockTimeout.isNegative()) {
            throw ToolkitException.usage("--lock-timeout must be zero or more seconds.");
        }
        if (!Transactions.isLockTimeout(ddlLockTimeout)) {
            throw ToolkitException.usage("--ddl-lock-timeout '" + ddlLockTimeout
                    + "' is not a duration PostgreSQL understands. Use e.g. 5s, 500ms, 2min, or 0 to wait forever.");
        }
    }

    public static MigrationSettings defaults(Path migrationsDirectory) {
        return new MigrationSettings(migrationsDirectory, DEFAULT_LOCK_TIMEOUT, DEFAULT_DDL_LOCK_TIMEOUT, false);
    }

    public MigrationSettings withOutOfOrder(boolean allowed) {
        return new MigrationSettings(migrationsDirectory, lockTimeout, ddlLockTimeout, allowed);
    }
}
