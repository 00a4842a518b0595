package trading.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import trading.sqlfile.MigrationFile;

/**
 * What a migration run tells its caller as it goes. The core never prints; the
 * command-line scripts implement this to print, and an application may log instead.
 */
public interface MigrationListener {
    MigrationListener SILENT = new MigrationListener() { };

    /** Another session holds the migration lock; called when the holder changes and every few seconds. */
    default void waitingForLock(Optional<LockHolder> holder, Duration waited) { }

    /** The history {@code table} was made by the original Python runner and was upgraded in place, as {@code changes} say. */
    default void historyUpgraded(String table, List<String> changes) { }

    default void applying(MigrationFile file) { }

    default void applied(MigrationFile file, long millis) { }

    /** {@code file} failed; {@code failure} is null when the run stops with an exception the caller will see. */
    default void failed(MigrationFile file, MigrationFailure failure) { }

    /** A down script is about to revert {@code version}. */
    default void reverting(String version) { }

    default void reverted(String version, long millis) { }

    /** {@code version} was reverted by a down script with no SQL: only its history row was removed. */
    default void revertedNoOp(String version) { }
}
