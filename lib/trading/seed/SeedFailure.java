package trading.seed;

import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/**
 * A seed run that stopped part-way. The batch in progress was rolled back;
 * {@link #loaded()} is what earlier batches committed, and the message says so.
 */
final class SeedFailure extends ToolkitException {
    private final SeedResult loaded;

    public SeedFailure(FailureKind kind, String message, SeedResult loaded, Throwable cause) {
        super(kind, message, cause);
        this.loaded = loaded;
    }

    /** The complete batches that are committed. */
    public SeedResult loaded() {
        return loaded;
    }
}
