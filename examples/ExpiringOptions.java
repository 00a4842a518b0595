///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import trading.db.SqlErrors;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.view.TextTable;

/** Ops example: option ideas that expire within N days, soonest first, each with its recommendation. */
@Command(name = "ExpiringOptions", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Lists option ideas expiring today or within the next N days, soonest first,",
            "with the recommendation behind each."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang examples/ExpiringOptions.java              the next 7 days",
            "  ./jbang examples/ExpiringOptions.java --days 30 --url postgresql://app@db/trading_db"
        })
public class ExpiringOptions implements Callable<Integer> {
    // expiry is a DATE, so "within N days" is a whole-day range starting today.
    private static final String EXPIRING = """
            SELECT o.expiry, o.expiry - CURRENT_DATE AS days_left, r.symbol, o.option_type, o.strike,
                   o.option_entry_price, r.side, r.horizon, r.confidence_overall, r.reco_id
            FROM option_ideas o
            JOIN recommendations r ON r.reco_id = o.reco_id
            WHERE o.expiry BETWEEN CURRENT_DATE AND CURRENT_DATE + ?
            ORDER BY o.expiry, r.symbol, r.reco_id
            """;

    @Mixin GlobalOptions global;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "How many days ahead to look (default: ${DEFAULT-VALUE}).")
    int days;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new ExpiringOptions(), args);
    }

    @Override
    public Integer call() {
        if (days < 0) {
            throw ToolkitException.usage("--days must be 0 (today only) or more.");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = global.open("trading-db expiring-options", spec.commandLine().getErr());
             Connection c = database.connect();
             PreparedStatement query = c.prepareStatement(EXPIRING)) {
            query.setInt(1, days);
            TextTable table = new TextTable("EXPIRY", "DAYS LEFT", "SYMBOL", "OPTION", "STRIKE", "PREMIUM",
                    "SIDE", "HORIZON", "CONFIDENCE", "RECO_ID");
            int count = 0;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    table.row(rs.getDate("expiry"), rs.getInt("days_left"), rs.getString("symbol"),
                            rs.getString("option_type"), rs.getBigDecimal("strike"),
                            rs.getBigDecimal("option_entry_price"), rs.getString("side"), rs.getString("horizon"),
                            rs.getBigDecimal("confidence_overall"), rs.getString("reco_id"));
                    count++;
                }
            }
            if (count > 0) {
                table.print(out);
            }
            out.println(count + " option idea" + (count == 1 ? "" : "s") + " expiring within " + days + " day"
                    + (days == 1 ? "" : "s") + " on " + database.describe() + ".");
            out.flush();
            return ExitCode.OK.code();
        } catch (SQLException e) {
            throw new ToolkitException(FailureKind.WORK_FAILED, "Could not list expiring options: "
                    + SqlErrors.describe(e) + "\nHas `migrate` been run on this database?", e);
        }
    }
}
