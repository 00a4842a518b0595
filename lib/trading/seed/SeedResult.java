package trading.seed;

import java.time.Duration;

/**
 * What a seed run has committed: the rows per table, in how many batches and how long.
 * It is both the final summary and the progress after each batch.
 *
 * @param generation which of the random seed's independent key streams was used
 */
public record SeedResult(SeedSettings settings, long generation, long batches, SeedCounts rows, Duration elapsed) {

    public boolean complete() {
        return rows.recommendations() >= settings.count();
    }

    public double rowsPerSecond() {
        return perSecond(rows.total());
    }

    public double recommendationsPerSecond() {
        return perSecond(rows.recommendations());
    }

    /** The time left at the rate so far; zero when complete, unknown (null) before anything is loaded. */
    public Duration eta() {
        long done = rows.recommendations();
        if (done == 0) {
            return null;
        }
        return Duration.ofNanos((long) (elapsed.toNanos() * (double) (settings.count() - done) / done));
    }

    SeedResult plus(SeedCounts batch, Duration now) {
        return new SeedResult(settings, generation, batches + 1, rows.plus(batch), now);
    }

    private double perSecond(long count) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? count / seconds : 0;
    }
}
