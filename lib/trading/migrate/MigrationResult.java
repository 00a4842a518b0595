package trading.migrate;

import java.util.List;
import java.util.Optional;
import trading.sqlfile.MigrationFile;

/**
 * What {@code runMigrations()} did: the migrations applied, in order, the failure that
 * stopped the run, if any, and the pending migrations it did not start. A failed migration
 * is returned here, not thrown, so callers check {@code failed() > 0} (docs/library.md,
 * "MigrationResult").
 */
public record MigrationResult(List<Applied> applied, Optional<MigrationFailure> failure, List<MigrationFile> notRun) {

    /** One migration applied, and how long its statements took. */
    public record Applied(MigrationFile file, long millis) { }

    public MigrationResult {
        applied = List.copyOf(applied);
        notRun = List.copyOf(notRun);
    }

    public int successful() {
        return applied.size();
    }

    public int failed() {
        return failure.isPresent() ? 1 : 0;
    }
}
