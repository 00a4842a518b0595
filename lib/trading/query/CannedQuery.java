package trading.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import trading.failure.ToolkitException;
import trading.query.QueryParameter.Kind;

/**
 * The four sample queries (docs/seeding-and-queries.md, "Queries"), with the literals of
 * their original SQL (kept in tests/support/ReadmeSampleQuery.java) turned into bound
 * parameters ({@code ?}, in the order of {@link #parameters()}). They return the same
 * rows as that SQL, with three deliberate differences:
 * <ul>
 * <li>a recommendation (or option idea) without targets has an empty list {@code []},
 *     where the original LEFT JOIN + json_agg gives {@code [null-object]} or NULL;</li>
 * <li>{@code delta} is a number, not the text {@code ->>} gives;</li>
 * <li>ties in the sort order are broken by asof and reco_id, so output is stable.</li>
 * </ul>
 * Targets are gathered per recommendation in a correlated subquery rather than by
 * grouping a join or a whole-table CTE, so that at a million rows every plan starts from
 * an index and touches only the rows it returns.
 */
public enum CannedQuery {
    SYMBOL("symbol", "A symbol's recommendations, newest first, each with its price targets.", List.of(
            QueryParameter.argument("symbol", "The ticker, e.g. AAPL (any case)."),
            QueryParameter.option("limit", Kind.LIMIT, null, "At most N recommendations (default: all).")),
            """
            SELECT r.*,
                   COALESCE((SELECT json_agg(json_build_object(
                                        'ordinal', t.ordinal,
                                        'value', t.value,
                                        'confidence', t.confidence
                                    ) ORDER BY t.ordinal)
                             FROM reco_targets t
                             WHERE t.reco_id = r.reco_id), '[]') AS targets
            FROM recommendations r
            WHERE r.symbol = ?
            ORDER BY r.asof DESC, r.reco_id
            LIMIT ?
            """),

    WITH_OPTIONS("with-options", "Recent recommendations that come with an option idea, most confident first.", List.of(
            QueryParameter.option("days", Kind.DAYS, "7", "Made in the last N days (default: 7).")),
            """
            SELECT r.symbol, r.side, r.confidence_overall,
                   o.option_type, o.strike, o.expiry,
                   CASE WHEN jsonb_typeof(o.greeks -> 'delta') = 'number'
                        THEN (o.greeks ->> 'delta')::numeric END AS delta
            FROM recommendations r
            INNER JOIN option_ideas o ON r.reco_id = o.reco_id
            WHERE r.asof > now() - make_interval(days => ?)
            ORDER BY r.confidence_overall DESC, r.asof DESC, r.reco_id
            """),

    TOP_BUYS("top-buys", "The most confident BUY recommendations for one horizon.", List.of(
            QueryParameter.option("min-confidence", Kind.CONFIDENCE, "0.80",
                    "Only confidence_overall of at least this (default: 0.80)."),
            QueryParameter.option("horizon", Kind.TEXT, "1-2 months", "The horizon, e.g. day, swing (default: '1-2 months')."),
            QueryParameter.option("limit", Kind.LIMIT, "10", "At most N rows (default: 10).")),
            """
            SELECT symbol, entry_price, confidence_overall,
                   rationale ->> 'reasoning' AS reasoning
            FROM recommendations
            WHERE side = 'BUY'
              AND confidence_overall >= ?
              AND horizon = ?
            ORDER BY confidence_overall DESC, asof DESC, reco_id
            LIMIT ?
            """),

    FULL("full", "A symbol's latest recommendation, complete: targets, option idea and option targets.", List.of(
            QueryParameter.argument("symbol", "The ticker, e.g. NVDA (any case).")),
            """
            SELECT r.*,
                   COALESCE((SELECT json_agg(json_build_object(
                                        'ordinal', t.ordinal,
                                        'name', t.name,
                                        'value', t.value,
                                        'confidence', t.confidence
                                    ) ORDER BY t.ordinal)
                             FROM reco_targets t
                             WHERE t.reco_id = r.reco_id), '[]') AS target_list,
                   o.option_type, o.strike, o.expiry, o.option_entry_price, o.greeks,
                   CASE WHEN o.reco_id IS NOT NULL THEN
                       COALESCE((SELECT json_agg(json_build_object(
                                            'ordinal', ot.ordinal,
                                            'value', ot.value,
                                            'confidence', ot.confidence
                                        ) ORDER BY ot.ordinal)
                                 FROM option_targets ot
                                 WHERE ot.reco_id = r.reco_id), '[]')
                   END AS option_target_list
            FROM recommendations r
            LEFT JOIN option_ideas o ON r.reco_id = o.reco_id
            WHERE r.symbol = ?
            ORDER BY r.asof DESC, r.reco_id
            LIMIT 1
            """);

    private static final Map<String, CannedQuery> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(CannedQuery::queryName, q -> q));

    private final String queryName;
    private final String summary;
    private final List<QueryParameter> parameters;
    private final String sql;

    CannedQuery(String queryName, String summary, List<QueryParameter> parameters, String sql) {
        this.queryName = queryName;
        this.summary = summary;
        this.parameters = parameters;
        this.sql = sql.strip();
        // Binding is by position, so a placeholder without a parameter would bind the wrong value.
        if (this.sql.chars().filter(c -> c == '?').count() != parameters.size()) {
            throw new IllegalStateException(queryName + ": placeholders and parameters differ in number");
        }
    }

    /** The query with this name, or a usage error (exit 2) that lists the names. */
    public static CannedQuery named(String name) {
        CannedQuery query = BY_NAME.get(name);
        if (query == null) {
            throw ToolkitException.usage("Unknown query '" + name + "'. The queries are: " + names()
                    + ". `query --list` shows their parameters.");
        }
        return query;
    }

    /** symbol, with-options, top-buys, full */
    public static String names() {
        return Arrays.stream(values()).map(CannedQuery::queryName).collect(Collectors.joining(", "));
    }

    /** The name on the command line, e.g. {@code top-buys}. */
    public String queryName() {
        return queryName;
    }

    /** One line on what the query answers. */
    public String summary() {
        return summary;
    }

    public List<QueryParameter> parameters() {
        return parameters;
    }

    /** The SQL with {@code ?} placeholders, in the order of {@link #parameters()}. */
    public String sql() {
        return sql;
    }

    /** {@code top-buys [--min-confidence 0..1] [--horizon TEXT] [--limit N]} */
    public String usage() {
        StringBuilder usage = new StringBuilder(queryName);
        parameters.forEach(p -> usage.append(' ').append(p.usage()));
        return usage.toString();
    }

    /**
     * Checks and converts the arguments, keyed by parameter name; missing ones take their
     * default. Unknown names, a missing symbol and bad values are usage errors (exit 2).
     */
    public BoundQuery bind(Map<String, String> arguments) {
        Map<String, String> unused = new HashMap<>(arguments);
        List<Object> values = new ArrayList<>();
        for (QueryParameter parameter : parameters) {
            String text = unused.remove(parameter.name());
            if (text == null) {
                text = parameter.defaultValue();
            }
            if (text == null && parameter.positional()) {
                throw ToolkitException.usage(queryName + " needs " + parameter.displayName() + ": " + usage());
            }
            values.add(parameter.parse(text));
        }
        if (!unused.isEmpty()) {
            throw ToolkitException.usage(queryName + " has no parameter " + String.join(", ", unused.keySet().stream()
                    .sorted().toList()) + ": " + usage());
        }
        return new BoundQuery(this, values);
    }
}
