package trading.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import trading.query.CannedQuery;
import trading.query.QueryParameter;

/** One canned query as a picocli subcommand, made from the catalogue: its parameters, the output options, its SQL as help. */
public final class CannedQuerySpec {
    private CannedQuerySpec() {}

    public static CommandSpec of(CannedQuery query, Object command, QueryOutputOptions output) {
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
        spec.addMixin("output", CommandSpec.forAnnotatedObject(output));
        return spec;
    }

    /** The values given on the command line for the query's parameters, by parameter name. */
    public static Map<String, String> arguments(CannedQuery query, CommandSpec spec) {
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
}
