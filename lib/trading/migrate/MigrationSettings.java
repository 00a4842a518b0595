package trading.migrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import trading.failure.ToolkitException;

/**
 * How to migrate: where the files are, how long to wait for the migration lock, the
 * lock_timeout each transactional migration runs under, and whether out-of-order files may run.
 */
public record MigrationSettings(Path migrationsDirectory, Duration lockTimeout, String ddlLockTimeout,
                                boolean outOfOrder) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_DDL_LOCK_TIMEOUT = "5s";
    private static final Pattern POSTGRES_DURATION = Pattern.compile("\\d+(ms|s|min|h)?");

    public MigrationSettings {
        if (lockTimeout.isNegative()) {
            throw ToolkitException.usage("--lock-timeout must be zero or more seconds.");
        }
        if (!POSTGRES_DURATION.matcher(ddlLockTimeout).matches()) {
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
