///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/query/package-info.java
//SOURCES lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import trading.cli.CannedQuerySpec;
import trading.cli.Cli;
import trading.cli.ExitCode;
import trading.cli.GlobalOptions;
import trading.cli.QueryOutputOptions;
import trading.cli.Version;
import trading.db.Database;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.query.BoundQuery;
import trading.query.CannedQuery;
import trading.query.QueryResult;
import trading.query.QueryRunner;
import trading.view.QueryView;

@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        synopsisSubcommandLabel = "NAME",
        description = {
            "Runs the design's canned queries with bound parameters and prints the rows as a table,",
            "JSON or CSV. Reads only. `query --list` shows each query and its parameters."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang query@trading --list",
            "  ./jbang query@trading symbol AAPL --limit 5",
            "  ./jbang query@trading with-options --days 30 --format csv > options.csv",
            "  ./jbang query@trading top-buys --min-confidence 0.9 --horizon swing --format json",
            "  ./jbang query@trading full NVDA",
            "  ./jbang query@trading symbol AAPL --explain --analyze"
        })
/** {@code query NAME}: each {@link CannedQuery} is a subcommand, made from the catalogue; {@code --list} lists them. */
public class query implements Callable<Integer> {
    // Its options are inherited by every query, so --url and --verbose go before or after the name.
    @Mixin GlobalOptions global;

    @Option(names = "--list", description = "List the queries, their parameters and what each answers.")
    boolean list;

    // A name that is not a query's (and whatever follows it) lands here, so that the
    // message lists the real names instead of complaining about the options after it.
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandSpec command = CommandSpec.forAnnotatedObject(new query());
        for (CannedQuery q : CannedQuery.values()) {
            command.addSubcommand(q.queryName(), QueryCommand.spec(q));
        }
        return Cli.execute(command, args);
    }

    @Override
    public Integer call() {
        refuseUnmatched();
        if (!list) {
            throw ToolkitException.usage("Name a query: " + CannedQuery.names() + ". `query --list` shows them all.");
        }
        QueryView.list(spec.commandLine().getOut());
        return ExitCode.OK.code();
    }

    /** An unknown name, or an option before the name (which picocli would otherwise drop silently). */
    void refuseUnmatched() {
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            if (!first.startsWith("-")) {
                CannedQuery.named(first); // throws: every known name is a subcommand, so this one is unknown
            }
            throw ToolkitException.usage(first + " goes after the query's name: query NAME [ARGS] [OPTIONS],"
                    + " e.g. query symbol AAPL --format json. The queries are: " + CannedQuery.names() + ".");
        }
    }

    /** One canned query as a subcommand; {@link CannedQuerySpec} makes its options from the catalogue. */
    static final class QueryCommand implements Callable<Integer> {
        private final CannedQuery query;
        private final QueryOutputOptions output = new QueryOutputOptions();
        private CommandSpec spec;

        private QueryCommand(CannedQuery query) {
            this.query = query;
        }

        static CommandSpec spec(CannedQuery query) {
            QueryCommand command = new QueryCommand(query);
            command.spec = CannedQuerySpec.of(query, command, command.output);
            return command.spec;
        }

        @Override
        public Integer call() {
            query parent = (query) spec.parent().userObject();
            parent.refuseUnmatched();
            // Checked before connecting, so a bad argument costs nothing and starts no database.
            BoundQuery bound = query.bind(CannedQuerySpec.arguments(query, spec));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database database = parent.global.open("trading-db query", err); Connection c = database.connect()) {
                QueryRunner runner = new QueryRunner(c);
                if (output.explain || output.analyze) {
                    QueryView.plan(runner.explain(bound, output.analyze), out);
                    return ExitCode.OK.code();
                }
                QueryResult result = runner.run(bound);
                QueryView.print(query, result, output.format, out);
                Object symbol = bound.value("symbol");
                if (result.isEmpty() && symbol != null) {
                    err.println("hint: no recommendations for symbol " + symbol + " in " + database.describe()
                            + ". Check the ticker; `query with-options --days 30` lists recent symbols.");
                    err.flush();
                }
                return ExitCode.OK.code();
            } catch (SQLException e) {
                throw new ToolkitException(FailureKind.WORK_FAILED, "Database error: " + e.getMessage(), e);
            }
        }
    }
}
