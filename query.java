///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/query/package-info.java
//SOURCES lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import trading.view.CellText;
import trading.cli.Cli;
import trading.view.CsvWriter;
import trading.cli.GlobalOptions;
import trading.cli.OutputFormat;
import trading.view.QueryTable;
import trading.view.ResultJson;
import trading.cli.Version;
import trading.query.BoundQuery;
import trading.query.CannedQuery;
import trading.db.Database;
import trading.cli.ExitCode;
import trading.query.QueryParameter;
import trading.query.QueryResult;
import trading.query.QueryRunner;
import trading.failure.ToolkitException;
import trading.failure.FailureKind;

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
        PrintWriter out = spec.commandLine().getOut();
        out.println("Queries (./jbang query@trading NAME --help shows each one's SQL):");
        for (CannedQuery q : CannedQuery.values()) {
            out.println();
            out.println(q.usage());
            out.println("    " + q.summary());
            for (QueryParameter p : q.parameters()) {
                String name = p.positional() ? p.displayName() : p.displayName() + " " + p.kind().label();
                out.println(String.format("      %-22s %s", name, p.description()));
            }
        }
        out.println();
        out.println("Every query also takes --format table|json|csv, --explain [--analyze], --url and --verbose.");
        out.flush();
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

    /** --format, --explain and --analyze, which every query takes. */
    static final class OutputOptions {
        @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
                description = "table (default: aligned, 80 columns), json (numbers as numbers, ISO-8601 times)"
                        + " or csv (RFC 4180).")
        OutputFormat format = OutputFormat.TABLE;

        @Option(names = "--explain", description = "Print PostgreSQL's plan for the query (as text) instead of its rows.")
        boolean explain;

        @Option(names = "--analyze", description = "With --explain: run the query and show EXPLAIN (ANALYZE, BUFFERS).")
        boolean analyze;
    }

    /** One canned query as a subcommand, its arguments and options made from the catalogue. */
    static final class QueryCommand implements Callable<Integer> {
        private final CannedQuery query;
        private final GlobalOptions global = new GlobalOptions();
        private final OutputOptions output = new OutputOptions();
        private CommandSpec spec;

        private QueryCommand(CannedQuery query) {
            this.query = query;
        }

        static CommandSpec spec(CannedQuery query) {
            QueryCommand command = new QueryCommand(query);
            CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
            spec.mixinStandardHelpOptions(true).versionProvider(new Version());
            List<String> footer = new ArrayList<>();
            query.sql().lines().forEach(line -> footer.add("  " + line.replace("%", "%%")));
            spec.usageMessage().description(query.summary()).sortOptions(false)
                    .footerHeading("%nThe SQL, each ? a bound parameter in the order above:%n")
                    .footer(footer.toArray(String[]::new));
            for (QueryParameter p : query.parameters()) {
                if (p.positional()) {
                    spec.addPositional(PositionalParamSpec.builder().paramLabel(p.kind().label()).arity("1")
                            .type(String.class).description(p.description()).build());
                } else {
                    spec.addOption(OptionSpec.builder(p.displayName()).paramLabel(p.kind().label())
                            .type(String.class).description(p.description()).build());
                }
            }
            spec.addMixin("output", CommandSpec.forAnnotatedObject(command.output));
            spec.addMixin("global", CommandSpec.forAnnotatedObject(command.global));
            command.spec = spec;
            return spec;
        }

        @Override
        public Integer call() {
            if (spec.parent() != null && spec.parent().userObject() instanceof query parent) {
                parent.refuseUnmatched();
            }
            // Checked before connecting, so a bad argument costs nothing and starts no database.
            BoundQuery bound = query.bind(arguments());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database database = global.open("trading-db query", err); Connection c = database.connect()) {
                QueryRunner runner = new QueryRunner(c);
                if (output.explain || output.analyze) {
                    runner.explain(bound, output.analyze).lines().forEach(out::println);
                    out.flush();
                    return ExitCode.OK.code();
                }
                QueryResult result = runner.run(bound);
                print(result, out);
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

        private Map<String, String> arguments() {
            Map<String, String> arguments = new HashMap<>();
            for (QueryParameter p : query.parameters()) {
                String value = p.positional() ? spec.positionalParameters().get(0).getValue()
                        : spec.findOption(p.displayName()).getValue();
                if (value != null) {
                    arguments.put(p.name(), value);
                }
            }
            return arguments;
        }

        private void print(QueryResult result, PrintWriter out) {
            switch (output.format) {
                case TABLE -> QueryTable.print(query, result, out);
                case JSON -> ResultJson.write(result, out);
                case CSV -> {
                    CsvWriter csv = new CsvWriter(out);
                    csv.record(result.columns());
                    for (List<Object> row : result.rows()) {
                        csv.record(row.stream().map(CellText::of).toList());
                    }
                    out.flush();
                }
            }
        }
    }
}
