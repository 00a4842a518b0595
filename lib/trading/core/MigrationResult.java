package trading.core;

import java.util.List;
import java.util.Optional;

/**
 * What {@code runMigrations()} did: the migrations applied, in order, and the one that
 * failed, if any. As in the original design, callers check {@code failed() > 0}.
 */
public record MigrationResult(List<Applied> applied, Optional<MigrationFailure> failure) {

    /** One migration applied, and how long its statements took. */
    public record Applied(MigrationFile file, long millis) { }

    public MigrationResult {
        applied = List.copyOf(applied);
    }

    public int successful() {
        return applied.size();
    }

    public int failed() {
        return failure.isPresent() ? 1 : 0;
    }
}
