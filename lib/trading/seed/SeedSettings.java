package trading.seed;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import trading.failure.ToolkitException;

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
    /** A billion recommendations is days of loading; more is a typo, and would overflow the batch arithmetic. */
    public static final long MAX_COUNT = 1_000_000_000;
    /** A batch is generated in memory (two at a time) before it is copied. */
    public static final int MAX_BATCH_SIZE = 100_000;
    /**
     * The latest anchor date: data for years like 99999 is nobody's test data, and its
     * options would expire where no client reads dates any more.
     */
    public static final String LATEST_ANCHOR_TEXT = "2200-12-31";
    public static final LocalDate LATEST_ANCHOR_DATE = LocalDate.parse(LATEST_ANCHOR_TEXT);

    public SeedSettings {
        if (count < 1 || count > MAX_COUNT) {
            throw ToolkitException.usage("--count must be from 1 to " + String.format(Locale.ROOT, "%,d", MAX_COUNT)
                    + ", not " + count + ".");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw ToolkitException.usage("--batch-size must be from 1 to " + String.format(Locale.ROOT, "%,d",
                    MAX_BATCH_SIZE) + ", not " + batchSize + ".");
        }
        if (anchorDate == null) {
            throw ToolkitException.usage("an anchor date is needed.");
        }
        if (anchorDate.isAfter(LATEST_ANCHOR_DATE)) {
            throw ToolkitException.usage("--anchor-date " + anchorDate + " is too far ahead: use a date from today"
                    + " up to " + LATEST_ANCHOR_DATE + ", written YYYY-MM-DD.");
        }
    }

    /**
     * Refuses an anchor date before {@code today}: the options generated for it would
     * already have expired, and the schema only accepts future expiries.
     */
    public void requireAnchorNotBefore(LocalDate today) {
        if (anchorDate.isBefore(today)) {
            throw ToolkitException.usage("--anchor-date " + anchorDate + " is in the past: the options"
                    + " generated for it would already have expired, and the schema only accepts future expiries."
                    + " Use today (" + today + ") or a later date up to " + LATEST_ANCHOR_DATE + ".");
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
