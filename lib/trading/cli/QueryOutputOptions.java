package trading.cli;

import picocli.CommandLine.Option;
import trading.view.OutputFormat;

/** {@code --format}, {@code --explain} and {@code --analyze}, which every query takes. */
public final class QueryOutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormatConverter.class,
            description = "table (default: aligned, 80 columns), json (numbers as numbers, ISO-8601 times)"
                    + " or csv (RFC 4180).")
    public OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--explain", description = "Print PostgreSQL's plan for the query (as text) instead of its rows.")
    public boolean explain;

    @Option(names = "--analyze", description = "With --explain: run the query and show EXPLAIN (ANALYZE, BUFFERS).")
    public boolean analyze;
}
