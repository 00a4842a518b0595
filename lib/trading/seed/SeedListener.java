package trading.seed;

/**
 * What a seed run tells its caller as it goes. The core never prints; seed.java prints
 * progress lines, an application may log or ignore them.
 */
public interface SeedListener {
    SeedListener SILENT = new SeedListener() { };

    /** Before the first batch: the keys come from {@code generation} of the random seed (0 on empty tables). */
    default void starting(SeedSettings settings, long generation) { }

    /** After each committed batch, with everything committed so far. */
    default void batchCommitted(SeedResult soFar) { }
}
