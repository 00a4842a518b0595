package trading.core;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What to seed: how many recommendations, from which random seed, relative to which
 * day, whether to empty the tables first, and how many recommendations go into one
 * transaction.
 *
 * @param anchorDate the day the data is generated for: recommendations were made in the
 *                   90 days before it, options expire after it; today (UTC) by default
 * @param batchSize recommendations per transaction: a failure loses at most one batch
 */
public record SeedSettings(long count, long randomSeed, LocalDate anchorDate, boolean truncate, int batchSize) {
    public static final long DEFAULT_RANDOM_SEED = 42;
    public static final int DEFAULT_BATCH_SIZE = 5_000;

    public SeedSettings {
        if (count < 1) {
            throw ToolkitException.usage("--count must be at least 1, not " + count + ".");
        }
        if (batchSize < 1) {
            throw ToolkitException.usage("--batch-size must be at least 1, not " + batchSize + ".");
        }
        if (anchorDate == null) {
            throw ToolkitException.usage("an anchor date is needed.");
        }
    }

    /** {@code count} recommendations from the default seed, anchored today, added to what is there. */
    public static SeedSettings of(long count) {
        return new SeedSettings(count, DEFAULT_RANDOM_SEED, LocalDate.now(ZoneOffset.UTC), false, DEFAULT_BATCH_SIZE);
    }

    public SeedSettings withRandomSeed(long seed) {
        return new SeedSettings(count, seed, anchorDate, truncate, batchSize);
    }

    public SeedSettings withAnchorDate(LocalDate date) {
        return new SeedSettings(count, randomSeed, date, truncate, batchSize);
    }

    public SeedSettings withTruncate(boolean empty) {
        return new SeedSettings(count, randomSeed, anchorDate, empty, batchSize);
    }

    public SeedSettings withBatchSize(int size) {
        return new SeedSettings(count, randomSeed, anchorDate, truncate, size);
    }

    /** How many transactions the load takes. */
    public long batches() {
        return (count + batchSize - 1) / batchSize;
    }
}
