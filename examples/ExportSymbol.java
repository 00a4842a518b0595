///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
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

/** Ops example: one symbol's recommendations, with their targets and option idea, as one JSON document. */
@Command(name = "ExportSymbol", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Exports every recommendation of one symbol, newest first, with its targets",
            "and its option idea (with the option's targets) as JSON. Prices stay exact",
            "decimals; times are UTC."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang examples/ExportSymbol.java --symbol NVDA",
            "  ./jbang examples/ExportSymbol.java --symbol NVDA --output nvda.json"
        })
public class ExportSymbol implements Callable<Integer> {
    // One JSON object per recommendation, built by PostgreSQL. The subqueries give a
    // recommendation without targets an empty list, where a LEFT JOIN would give [null].
    private static final String RECOMMENDATIONS = """
            SELECT json_build_object(
                'reco_id', r.reco_id, 'asof', r.asof, 'symbol', r.symbol, 'horizon', r.horizon, 'side', r.side,
                'entry_price', r.entry_price, 'confidence_overall', r.confidence_overall,
                'expected_move_pct', r.expected_move_pct, 'rationale', r.rationale, 'quality', r.quality,
                'targets', coalesce((
                    SELECT json_agg(json_build_object(
                        'ordinal', t.ordinal, 'name', t.name, 'target_type', t.target_type, 'value', t.value,
                        'confidence', t.confidence, 'eta_minutes', t.eta_minutes, 'notes', t.notes) ORDER BY t.ordinal)
                    FROM reco_targets t WHERE t.reco_id = r.reco_id), '[]'),
                'option', (
                    SELECT json_build_object(
                        'option_type', o.option_type, 'expiry', o.expiry, 'strike', o.strike,
                        'option_entry_price', o.option_entry_price, 'greeks', o.greeks, 'iv', o.iv, 'notes', o.notes,
                        'targets', coalesce((
                            SELECT json_agg(json_build_object(
                                'ordinal', ot.ordinal, 'name', ot.name, 'value', ot.value,
                                'confidence', ot.confidence, 'eta_minutes', ot.eta_minutes, 'notes', ot.notes)
                                ORDER BY ot.ordinal)
                            FROM option_targets ot WHERE ot.reco_id = o.reco_id), '[]'))
                    FROM option_ideas o WHERE o.reco_id = r.reco_id))
            FROM recommendations r
            WHERE r.symbol = ?
            ORDER BY r.asof DESC, r.reco_id
            """;

    @Mixin GlobalOptions global;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "The symbol, e.g. NVDA.")
    String symbol;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new ExportSymbol(), args);
    }

    @Override
    public Integer call() throws IOException { // only from Jackson, on JSON that PostgreSQL built
        String upperSymbol = symbol.strip().toUpperCase(Locale.ROOT);
        // Exact decimals: reading 227.50 as a double would be a lossy export of a price.
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
        ObjectNode document = json.createObjectNode();
        document.put("symbol", upperSymbol);
        document.put("exported_at", Instant.now().toString());
        ArrayNode recommendations = json.createArrayNode();
        try (Database database = global.open("trading-db export-symbol", spec.commandLine().getErr());
             Connection c = database.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'"); // so json_build_object writes asof in UTC
            }
            try (PreparedStatement query = c.prepareStatement(RECOMMENDATIONS)) {
                query.setString(1, upperSymbol);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        recommendations.add(json.readTree(rs.getString(1)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new ToolkitException(FailureKind.WORK_FAILED, "Could not export " + upperSymbol + ": "
                    + SqlErrors.describe(e), e);
        }
        document.put("count", recommendations.size());
        document.set("recommendations", recommendations);
        String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + System.lineSeparator();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ToolkitException.usage("cannot write " + output + ": " + e.getMessage());
            }
            spec.commandLine().getErr().println("Wrote " + recommendations.size() + " recommendation"
                    + (recommendations.size() == 1 ? "" : "s") + " of " + upperSymbol + " to " + output + ".");
            spec.commandLine().getErr().flush();
        }
        return ExitCode.OK.code();
    }
}
