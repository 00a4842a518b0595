package trading.core;

/**
 * A seed run that stopped part-way. The batch in progress was rolled back;
 * {@link #loaded()} is what earlier batches committed, and the message says so.
 */
public final class SeedFailure extends ToolkitException {
    private final SeedResult loaded;

    public SeedFailure(ExitCode exitCode, String message, SeedResult loaded, Throwable cause) {
        super(exitCode, message, cause);
        this.loaded = loaded;
    }

    /** The complete batches that are committed. */
    public SeedResult loaded() {
        return loaded;
    }
}
