package trading.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import trading.migrate.MigrationSettings;

/** How a migration run waits and what it may apply: {@code --out-of-order}, {@code --lock-timeout}, {@code --ddl-lock-timeout}. */
public final class MigrationRunOptions {
    /** A day: longer waits are a typo, and larger numbers overflow a Duration's arithmetic. */
    private static final long MAX_LOCK_TIMEOUT_SECONDS = 86_400;

    @Option(names = "--out-of-order", description = "Also apply pending migrations numbered below the newest applied one.")
    boolean outOfOrder;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another migration's lock before exit 4, from 0 to 86400."
                    + " Default: ${DEFAULT-VALUE}.")
    long lockTimeout;

    @Option(names = "--ddl-lock-timeout", paramLabel = "DURATION", defaultValue = MigrationSettings.DEFAULT_DDL_LOCK_TIMEOUT,
            description = "lock_timeout of each transactional migration, so it fails fast instead of queueing"
                    + " behind a long transaction and stalling traffic. Default: ${DEFAULT-VALUE}; 0 waits forever.")
    String ddlLockTimeout;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** The settings for {@code --migrations} and these options; a lock timeout out of range is a usage error. */
    public MigrationSettings settings(MigrationsOption migrations, GlobalOptions global) {
        if (lockTimeout < 0 || lockTimeout > MAX_LOCK_TIMEOUT_SECONDS) {
            throw new ParameterException(command.commandLine(), "--lock-timeout " + lockTimeout
                    + " is out of range: give a number of seconds from 0 to " + MAX_LOCK_TIMEOUT_SECONDS + ".");
        }
        return new MigrationSettings(migrations.resolve(global), Duration.ofSeconds(lockTimeout), ddlLockTimeout,
                outOfOrder);
    }
}
