package trading.seed;

/** The four tables seed fills, in the order their foreign keys need, with the columns it writes. */
public enum SeedTable {
    RECOMMENDATIONS("recommendations", "reco_id, asof, symbol, horizon, side, entry_price, confidence_overall,"
            + " expected_move_pct, rationale, quality"),
    RECO_TARGETS("reco_targets", "reco_id, ordinal, name, target_type, value, confidence, eta_minutes, notes"),
    OPTION_IDEAS("option_ideas", "reco_id, option_type, expiry, strike, option_entry_price, greeks, iv, notes"),
    OPTION_TARGETS("option_targets", "reco_id, ordinal, name, value, confidence, eta_minutes, notes");

    private final String tableName;
    private final String columns;

    SeedTable(String tableName, String columns) {
        this.tableName = tableName;
        this.columns = columns;
    }

    public String tableName() {
        return tableName;
    }

    /** The column list, in the order of the COPY data. */
    public String columns() {
        return columns;
    }

    /** The COPY statement that reads this table's rows in text format from the client. */
    public String copyFromStdin() {
        return "COPY " + tableName + " (" + columns + ") FROM STDIN";
    }
}
