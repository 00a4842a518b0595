///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/seed/package-info.java
//SOURCES lib/trading/view/package-info.java

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import trading.cli.Cli;
import trading.cli.GlobalOptions;
import trading.view.TextTable;
import trading.cli.Version;
import trading.db.Database;
import trading.cli.ExitCode;
import trading.seed.RecommendationSeeder;
import trading.seed.SeedListener;
import trading.seed.SeedResult;
import trading.seed.SeedSettings;
import trading.seed.SeedTable;
import trading.failure.ToolkitException;

@Command(name = "seed", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Loads N synthetic, realistic recommendations through COPY: 1-5 targets each, and for about 30%%"
                    + " an option idea with 1-3 premium targets. Real tickers and price ranges, consistent ladders,"
                    + " Black-Scholes greeks.",
            "The same --random-seed (and --anchor-date) gives the same data byte for byte. Without --truncate the"
                    + " rows are added; a repeated seed then gets fresh keys, so nothing clashes.",
            "Each batch of recommendations is one transaction: if the load fails, only whole batches stay, and the"
                    + " error says how many.",
            "Progress goes to stderr, the summary to stdout."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang seed@trading --count 10000                 add 10,000 recommendations",
            "  ./jbang seed@trading --count 1000000 --truncate    start over with a million",
            "  ./jbang seed@trading --count 500 --random-seed 7   the same 500 every time (on empty tables)"
        })
public class seed implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Option(names = "--count", required = true, paramLabel = "N",
            description = "How many recommendations to load, up to 1,000,000,000.")
    long count;

    @Option(names = "--random-seed", paramLabel = "S",
            description = "Seed of the generator; the same seed gives the same data. Default: "
                    + SeedSettings.DEFAULT_RANDOM_SEED + ".")
    long randomSeed = SeedSettings.DEFAULT_RANDOM_SEED;

    @Option(names = "--truncate", description = "Empty recommendations, reco_targets, option_ideas and option_targets"
            + " first (in the first batch's transaction).")
    boolean truncate;

    @Option(names = "--anchor-date", paramLabel = "YYYY-MM-DD",
            description = "The day the data is made for: recommendations fall in the year before it, options"
                    + " expire after it. From today up to " + SeedSettings.LATEST_ANCHOR_TEXT + "; default: today"
                    + " (UTC). Fix it to reproduce a load on another day.")
    String anchorDate;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Recommendations per transaction, up to 100,000. Default: " + SeedSettings.DEFAULT_BATCH_SIZE
                    + ".")
    int batchSize = SeedSettings.DEFAULT_BATCH_SIZE;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new seed(), args);
    }

    @Override
    public Integer call() {
        SeedSettings settings = SeedSettings.of(count).withRandomSeed(randomSeed).withTruncate(truncate)
                .withBatchSize(batchSize);
        if (anchorDate != null) {
            settings = settings.withAnchorDate(parseDate(anchorDate));
        }
        // Before the database is opened (the embedded one takes seconds to start).
        settings.requireAnchorNotBefore(LocalDate.now(ZoneOffset.UTC));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database database = global.open("trading-db seed", err)) {
            SeedResult result = RecommendationSeeder.seed(database, settings, new Progress(err));
            if (json) {
                printJson(result, out);
            } else {
                printSummary(result, database.describe(), out);
            }
            return ExitCode.OK.code();
        }
    }

    private static LocalDate parseDate(String text) {
        // LocalDate.parse also reads years of 5 digits and more when signed (+99999-01-01).
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw ToolkitException.usage("--anchor-date '" + text + "' is not a date; write it as YYYY-MM-DD.");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ToolkitException.usage("--anchor-date '" + text + "' is not a date; write it as YYYY-MM-DD.");
        }
    }

    private static void printSummary(SeedResult r, String database, PrintWriter out) {
        out.println("Seeded " + number(r.rows().recommendations()) + " recommendations into " + database
                + " (random seed " + r.settings().randomSeed() + ", generation " + r.generation() + ", anchor date "
                + r.settings().anchorDate() + (r.settings().truncate() ? ", tables truncated first" : "") + ").");
        TextTable table = new TextTable("TABLE", "ROWS");
        for (SeedTable t : SeedTable.values()) {
            table.row(t.tableName(), number(r.rows().rows(t)));
        }
        table.row("total", number(r.rows().total()));
        table.print(out);
        out.println(number(r.rows().total()) + " rows in " + seconds(r.elapsed()) + " s, " + r.batches()
                + " transaction" + (r.batches() == 1 ? "" : "s") + ": " + number(Math.round(r.rowsPerSecond()))
                + " rows/s (" + number(Math.round(r.recommendationsPerSecond())) + " recommendations/s).");
        out.flush();
    }

    private static void printJson(SeedResult r, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode tables = root.putObject("rows");
        for (SeedTable t : SeedTable.values()) {
            tables.put(t.tableName(), r.rows().rows(t));
        }
        root.put("total_rows", r.rows().total());
        root.put("seconds", r.elapsed().toMillis() / 1000.0);
        root.put("rows_per_second", Math.round(r.rowsPerSecond()));
        root.put("recommendations_per_second", Math.round(r.recommendationsPerSecond()));
        root.put("batches", r.batches());
        root.put("random_seed", r.settings().randomSeed());
        root.put("generation", r.generation());
        root.put("anchor_date", r.settings().anchorDate().toString());
        root.put("truncated", r.settings().truncate());
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    /** Progress lines on stderr: after the first batch, then at most one a second, and after the last. */
    private static final class Progress implements SeedListener {
        private final PrintWriter err;
        private long lastLine;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void starting(SeedSettings settings, long generation) {
            err.println("seed: loading " + number(settings.count()) + " recommendations in " + settings.batches()
                    + " transaction" + (settings.batches() == 1 ? "" : "s") + " of up to " + number(settings.batchSize())
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
                    number(done), number(soFar.settings().count()), 100.0 * done / soFar.settings().count(),
                    number(soFar.rows().total()), number(Math.round(soFar.rowsPerSecond())),
                    eta == null ? "?" : clock(eta)));
            err.flush();
        }

        private static String clock(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
