package trading.migrate;

import java.util.List;
import java.util.Optional;

/**
 * What a rollback did: the versions reverted, newest first, and the failure that stopped it,
 * if any. Steps that committed before a failure (a {@code Transaction: none} down script
 * runs after the steps before it have committed) stay reverted and are listed.
 */
public record RollbackResult(List<Reverted> reverted, Optional<MigrationFailure> failure) {

    /** One migration reverted, how long its down script took, and whether it had no SQL. */
    public record Reverted(String version, long millis, boolean noOp) { }

    public RollbackResult {
        reverted = List.copyOf(reverted);
    }
}
