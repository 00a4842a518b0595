///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/seed/package-info.java
//SOURCES lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import trading.cli.Cli;
import trading.cli.ExitCode;
import trading.cli.GlobalOptions;
import trading.cli.Version;
import trading.db.Database;
import trading.failure.ToolkitException;
import trading.seed.RecommendationSeeder;
import trading.seed.SeedResult;
import trading.seed.SeedSettings;
import trading.view.SeedProgress;
import trading.view.SeedView;

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
            SeedResult result = RecommendationSeeder.seed(database, settings, new SeedProgress(err));
            SeedView.print(result, database.describe(), json, out);
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

}
