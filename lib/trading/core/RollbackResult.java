package trading.core;

import java.util.List;
import java.util.Optional;

/** What a rollback did: the versions reverted, newest first, or the failure that undid all of it. */
public record RollbackResult(List<Reverted> reverted, Optional<MigrationFailure> failure) {

    /** One migration reverted, and how long its down script took. */
    public record Reverted(String version, long millis) { }

    public RollbackResult {
        reverted = List.copyOf(reverted);
    }
}
