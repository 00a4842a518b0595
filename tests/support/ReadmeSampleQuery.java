/**
 * The four sample queries the schema was designed for (docs/seeding-and-queries.md), verbatim: Java
 * text blocks drop trailing spaces, nothing else. SampleQueriesTest runs them on the
 * sample data; bench/SchemaPlansBench.java checks their plans at a million rows.
 */
enum ReadmeSampleQuery {
    FOR_A_SYMBOL("Get all recommendations for a symbol", """
            SELECT r.*,
                   json_agg(json_build_object(
                       'ordinal', t.ordinal,
                       'value', t.value,
                       'confidence', t.confidence
                   ) ORDER BY t.ordinal) as targets
            FROM recommendations r
            LEFT JOIN reco_targets t ON r.reco_id = t.reco_id
            WHERE r.symbol = 'AAPL'
            GROUP BY r.reco_id
            ORDER BY r.asof DESC;
            """),

    WITH_OPTIONS("Get recommendations with options", """
            SELECT r.symbol, r.side, r.confidence_overall,
                   o.option_type, o.strike, o.expiry,
                   o.greeks->>'delta' as delta
            FROM recommendations r
            INNER JOIN option_ideas o ON r.reco_id = o.reco_id
            WHERE r.asof > NOW() - INTERVAL '7 days'
            ORDER BY r.confidence_overall DESC;
            """),

    HIGH_CONFIDENCE_BUYS("Get high-confidence BUY recommendations", """
            SELECT symbol, entry_price, confidence_overall,
                   rationale->>'reasoning' as reasoning
            FROM recommendations
            WHERE side = 'BUY'
              AND confidence_overall >= 0.80
              AND horizon = '1-2 months'
            ORDER BY confidence_overall DESC, asof DESC
            LIMIT 10;
            """),

    COMPLETE_RECOMMENDATION("Get complete recommendation with all targets and options", """
            WITH targets AS (
                SELECT reco_id,
                       json_agg(json_build_object(
                           'ordinal', ordinal,
                           'name', name,
                           'value', value,
                           'confidence', confidence
                       ) ORDER BY ordinal) as target_list
                FROM reco_targets
                GROUP BY reco_id
            ),
            option_targets AS (
                SELECT reco_id,
                       json_agg(json_build_object(
                           'ordinal', ordinal,
                           'value', value,
                           'confidence', confidence
                       ) ORDER BY ordinal) as option_target_list
                FROM option_targets
                GROUP BY reco_id
            )
            SELECT r.*,
                   t.target_list,
                   o.option_type, o.strike, o.expiry, o.option_entry_price, o.greeks,
                   ot.option_target_list
            FROM recommendations r
            LEFT JOIN targets t ON r.reco_id = t.reco_id
            LEFT JOIN option_ideas o ON r.reco_id = o.reco_id
            LEFT JOIN option_targets ot ON r.reco_id = ot.reco_id
            WHERE r.symbol = 'NVDA'
            ORDER BY r.asof DESC
            LIMIT 1;
            """);

    /** The README's heading of the query. */
    final String title;
    final String sql;

    ReadmeSampleQuery(String title, String sql) {
        this.title = title;
        this.sql = sql;
    }
}
