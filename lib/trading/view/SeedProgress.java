package trading.view;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import trading.seed.SeedListener;
import trading.seed.SeedResult;
import trading.seed.SeedSettings;

/** Progress lines on stderr: after the first batch, then at most one a second, and after the last. */
public final class SeedProgress implements SeedListener {
    private final PrintWriter err;
    private long lastLine;

    public SeedProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void starting(SeedSettings settings, long generation) {
        err.println("seed: loading " + SeedView.number(settings.count()) + " recommendations in " + settings.batches()
                + " transaction" + (settings.batches() == 1 ? "" : "s") + " of up to " + SeedView.number(settings.batchSize())
                + (generation > 0 ? " (random seed " + settings.randomSeed() + " was loaded before: using its"
                        + " generation " + generation + " for fresh keys)" : "") + ".");
        err.flush();
        lastLine = System.nanoTime();
    }

    @Override
    public void batchCommitted(SeedResult soFar) {
        long now = System.nanoTime();
        if (soFar.batches() > 1 && !soFar.complete() && now - lastLine < 1_000_000_000L) {
            return;
        }
        lastLine = now;
        long done = soFar.rows().recommendations();
        Duration eta = soFar.eta();
        err.println(String.format(Locale.ROOT, "seed: %s/%s recommendations (%.0f%%), %s rows, %s rows/s, ETA %s",
                SeedView.number(done), SeedView.number(soFar.settings().count()), 100.0 * done / soFar.settings().count(),
                SeedView.number(soFar.rows().total()), SeedView.number(Math.round(soFar.rowsPerSecond())),
                eta == null ? "?" : clock(eta)));
        err.flush();
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
