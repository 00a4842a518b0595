package trading.seed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One generated recommendation with its target ladder and optional option idea: a row
 * of {@code recommendations} and its rows in the other three tables. Money and
 * confidences are kept as whole hundredths (cents, basis points, percent) so they print
 * exactly as the NUMERIC values the database stores.
 *
 * @param expectedMoveBasisPoints the expected move in hundredths of a percent, negative for SELL
 * @param rationale JSON object text: reasoning, catalysts, risks, indicators
 * @param quality JSON object text: quality metrics and analyst information
 * @param option the option idea, or null when there is none
 */
public record SyntheticRecommendation(UUID recoId, Instant asof, String symbol, TradingHorizon horizon, Side side,
                                      long entryCents, int confidencePercent, long expectedMoveBasisPoints,
                                      String rationale, String quality, List<Target> targets, OptionIdea option) {

    /** The direction of a recommendation. */
    public enum Side { BUY, SELL, HOLD }

    /** How a target's value is meant: a price, a percentage move from entry, or a technical price level. */
    public enum TargetType {
        PRICE("price"), PERCENTAGE("percentage"), TECHNICAL("technical");

        private final String label;

        TargetType(String label) {
            this.label = label;
        }

        /** The text stored in {@code reco_targets.target_type}. */
        public String label() {
            return label;
        }
    }

    /** The kind of option. */
    public enum OptionType { CALL, PUT }

    /**
     * One rung of the ladder.
     *
     * @param valueHundredths cents for PRICE and TECHNICAL, basis points (signed like the move) for PERCENTAGE
     * @param etaMinutes null when no estimate is given
     * @param notes null when there are none
     */
    public record Target(int ordinal, String name, TargetType type, long valueHundredths, int confidencePercent,
                         Integer etaMinutes, String notes) { }

    /**
     * The options way to play the recommendation.
     *
     * @param greeks JSON object text: delta, gamma, theta, vega, rho
     * @param iv JSON object text: implied volatility and its context
     * @param notes null when there are none
     */
    public record OptionIdea(OptionType type, LocalDate expiry, long strikeCents, long premiumCents, String greeks,
                             String iv, String notes, List<OptionTarget> targets) { }

    /** A premium target of an option idea; etaMinutes and notes may be null. */
    public record OptionTarget(int ordinal, String name, long valueCents, int confidencePercent, Integer etaMinutes,
                               String notes) { }
}
