///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import trading.cli.Cli;
import trading.cli.ExitCode;
import trading.cli.GlobalOptions;
import trading.cli.Version;
import trading.db.Database;
import trading.db.SqlErrors;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.view.TextTable;

/**
 * Ops example: deletes one bad batch of recommendations (one symbol, an asof range) in a
 * single transaction, after showing how many rows of each table will go.
 */
@Command(name = "DeleteBatch", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Deletes one symbol's recommendations whose asof lies in [--from, --to), with",
            "their targets, option ideas and option targets (the foreign keys cascade),",
            "in one transaction. It shows the counts first and asks for confirmation",
            "unless --yes is given, and exits 1 without deleting anything when the",
            "answer is not yes."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang examples/DeleteBatch.java --symbol AAPL --from 2026-01-14 \\",
            "      --to 2026-01-15",
            "  ./jbang examples/DeleteBatch.java --symbol TSLA --yes \\",
            "      --from 2026-01-14T09:30:00-05:00 --to 2026-01-14T10:00:00-05:00"
        })
public class DeleteBatch implements Callable<Integer> {
    // Exit code when the person answers no: nothing was done, as with apt or git.
    private static final int NOT_CONFIRMED = 1;
    // Don't queue forever behind another writer.
    private static final String LOCK_TIMEOUT = "10s";

    /** How the transaction ended: the exit code, and what to say once it has committed (or null). */
    private record Outcome(int exitCode, String afterCommit) { }

    @Mixin GlobalOptions global;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "The symbol, e.g. AAPL.")
    String symbol;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = Timestamp.class,
            description = "Start of the asof range, included: 2026-01-14, 2026-01-14T09:30 (UTC) or 2026-01-14T09:30:00+01:00.")
    OffsetDateTime from;

    @Option(names = "--to", required = true, paramLabel = "TIME", converter = Timestamp.class,
            description = "End of the asof range, excluded; same forms as --from.")
    OffsetDateTime to;

    @Option(names = "--yes", description = "Delete without asking.")
    boolean yes;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new DeleteBatch(), args);
    }

    @Override
    public Integer call() {
        if (!from.isBefore(to)) {
            throw ToolkitException.usage("--from must be before --to (the range is [from, to)).");
        }
        String upperSymbol = symbol.strip().toUpperCase(Locale.ROOT);
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = global.open("trading-db delete-batch", spec.commandLine().getErr());
             Connection c = database.connect()) {
            // One transaction: a refusal or an error rolls everything back.
            Outcome outcome = Transactions.inTransactionWithLockTimeout(c, LOCK_TIMEOUT,
                    () -> deleteBatch(c, upperSymbol, database.describe(), out));
            if (outcome.afterCommit() != null) {
                out.println(outcome.afterCommit());
            }
            out.flush();
            return outcome.exitCode();
        } catch (SQLException e) {
            throw new ToolkitException(FailureKind.WORK_FAILED, "Nothing was deleted: " + SqlErrors.describe(e), e);
        }
    }

    private Outcome deleteBatch(Connection c, String upperSymbol, String database, PrintWriter out)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            // Don't hold the row locks forever if the person walks away from the question.
            s.execute("SET LOCAL idle_in_transaction_session_timeout = '10min'");
        }
        List<UUID> batch = lockBatch(c, upperSymbol);
        out.println("Recommendations of " + upperSymbol + " with asof in [" + from + ", " + to + ") on " + database + ":");
        if (batch.isEmpty()) {
            out.println("none. Nothing to delete.");
            return new Outcome(ExitCode.OK.code(), null);
        }
        Array ids = c.createArrayOf("uuid", batch.toArray());
        long[] counts = countRows(c, ids);
        TextTable table = new TextTable("TABLE", "ROWS TO DELETE");
        table.row("recommendations", counts[0]).row("reco_targets", counts[1])
                .row("option_ideas", counts[2]).row("option_targets", counts[3]);
        table.print(out);
        if (!yes && !confirmed(out)) {
            out.println("Nothing deleted.");
            return new Outcome(NOT_CONFIRMED, null);
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM recommendations WHERE reco_id = ANY (?)")) {
            delete.setArray(1, ids);
            int deleted = delete.executeUpdate();
            if (deleted != batch.size()) {
                throw new ToolkitException(FailureKind.WORK_FAILED, "Expected to delete " + batch.size()
                        + " recommendations but the database deleted " + deleted + "; rolled back, nothing deleted.");
            }
        }
        return new Outcome(ExitCode.OK.code(), "Deleted " + counts[0] + " recommendations, " + counts[1]
                + " reco_targets, " + counts[2] + " option_ideas and " + counts[3] + " option_targets.");
    }

    /**
     * The batch's keys, locked until the transaction ends: FOR UPDATE also blocks new targets
     * or options for these rows, so the counts shown are exactly what the delete removes.
     */
    private List<UUID> lockBatch(Connection c, String upperSymbol) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT reco_id FROM recommendations WHERE symbol = ? AND asof >= ? AND asof < ? ORDER BY asof FOR UPDATE")) {
            select.setString(1, upperSymbol);
            select.setObject(2, from);
            select.setObject(3, to);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** Rows that go with the batch: recommendations, reco_targets, option_ideas, option_targets. */
    private static long[] countRows(Connection c, Array ids) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("""
                SELECT cardinality(?::uuid[]),
                       (SELECT count(*) FROM reco_targets WHERE reco_id = ANY (?)),
                       (SELECT count(*) FROM option_ideas WHERE reco_id = ANY (?)),
                       (SELECT count(*) FROM option_targets WHERE reco_id = ANY (?))
                """)) {
            for (int i = 1; i <= 4; i++) {
                count.setArray(i, ids);
            }
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    private static boolean confirmed(PrintWriter out) {
        out.print("Delete these rows? Type yes to confirm: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                out.println();
                out.println("No answer on standard input. Pass --yes to delete without asking.");
                return false;
            }
            if (System.console() == null) {
                out.println(answer); // piped in: show it, so a log reads like the terminal would
            }
            String a = answer.strip().toLowerCase(Locale.ROOT);
            return a.equals("yes") || a.equals("y");
        } catch (IOException e) {
            return false;
        }
    }

    /** A point in time from a date (midnight UTC), a local date-time (UTC) or a date-time with an offset. */
    static final class Timestamp implements ITypeConverter<OffsetDateTime> {
        @Override
        public OffsetDateTime convert(String value) {
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        throw new TypeConversionException("'" + value + "' is not a time. Use 2026-01-14,"
                                + " 2026-01-14T09:30 (UTC) or 2026-01-14T09:30:00+01:00.");
                    }
                }
            }
        }
    }
}
