package trading.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import trading.seed.SyntheticRecommendation.Side;

/**
 * Writes the {@code rationale} and {@code quality} JSON of a synthetic recommendation:
 * reasoning that matches its side and horizon, catalysts and risks that fit the
 * company's sector, indicators consistent with the entry price, and analyst details.
 */
final class RationaleWriter {
    private static final String[] BUY_REASONS = {
        "Pullback to the rising 50-day average in an established uptrend",
        "Breakout above a multi-week base on expanding volume",
        "Earnings revisions trending up while the valuation lags peers",
        "Oversold bounce from long-term support with a positive RSI divergence",
        "Relative strength leader holding up in a weak tape",
        "Higher lows into resistance; a break opens the prior highs",
        "Guidance raise not yet priced in after a muted reaction"
    };
    private static final String[] SELL_REASONS = {
        "Failed breakout above resistance with falling volume",
        "Lower highs and lower lows below a falling 200-day average",
        "Extended far above its moving averages into resistance",
        "Estimate cuts and margin pressure not yet in the price",
        "Bearish engulfing candle at the top of a rising wedge",
        "Relative weakness against its sector for three straight weeks"
    };
    private static final String[] HOLD_REASONS = {
        "Range-bound ahead of earnings; no edge either way",
        "Consolidating after a strong run; wait for a breakout",
        "Fairly valued after the rerating; risk and reward are balanced",
        "Mixed signals: momentum fading but the trend is intact"
    };
    private static final Map<String, String[]> SECTOR_CATALYSTS = Map.ofEntries(
            Map.entry("technology", new String[] {"product launch event", "cloud revenue re-acceleration",
                "AI feature monetisation", "enterprise renewal cycle", "buyback authorisation"}),
            Map.entry("semiconductors", new String[] {"data-centre capex", "next-generation chip ramp",
                "inventory restocking", "hyperscaler orders", "export licence decision"}),
            Map.entry("communication", new String[] {"ad pricing recovery", "subscriber growth",
                "engagement metrics", "content slate", "cost discipline"}),
            Map.entry("consumer", new String[] {"holiday quarter", "same-store sales", "margin expansion",
                "new store openings", "pricing actions"}),
            Map.entry("consumer staples", new String[] {"pricing power", "volume recovery", "dividend increase",
                "input cost relief"}),
            Map.entry("automotive", new String[] {"delivery numbers", "new model launch", "autonomy update",
                "margin recovery"}),
            Map.entry("financials", new String[] {"net interest income", "capital markets rebound", "credit quality",
                "buyback after the stress test", "payment volumes"}),
            Map.entry("healthcare", new String[] {"trial readout", "FDA decision", "pipeline update",
                "drug pricing clarity", "new indication approval"}),
            Map.entry("energy", new String[] {"OPEC+ supply decision", "refining margins", "production growth",
                "capital return"}),
            Map.entry("industrials", new String[] {"order backlog", "delivery ramp", "infrastructure spending",
                "pricing and margins"}),
            Map.entry("index", new String[] {"Fed rate decision", "CPI print", "earnings season", "fund flows"}));
    private static final Map<String, String[]> SECTOR_RISKS = Map.ofEntries(
            Map.entry("technology", new String[] {"regulatory pressure", "IT budget cuts"}),
            Map.entry("semiconductors", new String[] {"export restrictions", "supply constraints", "cyclical downturn"}),
            Map.entry("communication", new String[] {"ad market slowdown", "regulatory fines"}),
            Map.entry("consumer", new String[] {"consumer slowdown", "tariffs"}),
            Map.entry("consumer staples", new String[] {"input cost inflation", "private-label competition"}),
            Map.entry("automotive", new String[] {"price cuts", "recall headlines"}),
            Map.entry("financials", new String[] {"credit losses", "falling rates squeezing margins"}),
            Map.entry("healthcare", new String[] {"trial failure", "drug pricing reform"}),
            Map.entry("energy", new String[] {"oil price slump", "windfall taxes"}),
            Map.entry("industrials", new String[] {"supply chain delays", "order cancellations"}),
            Map.entry("index", new String[] {"recession fears", "liquidity shock"}));
    private static final String[] GENERIC_CATALYSTS = {"earnings next week", "analyst day", "index rebalancing",
        "monthly options expiry"};
    private static final String[] GENERIC_RISKS = {"broad market sell-off", "gap on earnings", "rising bond yields",
        "sector rotation", "macro data surprise", "crowded positioning"};
    private static final String[] BUY_RISKS = {"failed breakout", "guidance cut"};
    private static final String[] SELL_RISKS = {"short squeeze", "takeover speculation"};
    private static final String[] BULLISH_MACD = {"bullish crossover", "positive and rising", "turning up"};
    private static final String[] BEARISH_MACD = {"bearish crossover", "negative divergence", "rolling over"};
    /** Consensus ratings, repeated to weight them: analysts mostly, not always, agree with the call. */
    private static final String[] BUY_RATINGS = {"strong buy", "buy", "buy", "hold"};
    private static final String[] SELL_RATINGS = {"hold", "underperform", "sell"};
    private static final String[] HOLD_RATINGS = {"hold", "hold", "buy"};
    private static final String[] ANALYSTS = {"quant-momentum-v3", "fundamental-growth-v5", "mean-reversion-swing",
        "breakout-failure-v2", "trend-following-v1", "intraday-mean-reversion", "earnings-drift-v2"};

    private RationaleWriter() {}

    static String rationale(SeededRandom random, Ticker ticker, Side side, TradingHorizon horizon, long entryCents) {
        String[] reasons = switch (side) {
            case BUY -> BUY_REASONS;
            case SELL -> SELL_REASONS;
            case HOLD -> HOLD_REASONS;
        };
        String when = switch (horizon) {
            case DAY -> "for an intraday trade";
            case SWING -> "for a swing trade of a few days";
            case ONE_TO_TWO_MONTHS -> "over the next one to two months";
        };
        List<String> catalysts = new ArrayList<>(3);
        String[] sectorCatalysts = SECTOR_CATALYSTS.getOrDefault(ticker.sector(), GENERIC_CATALYSTS);
        addDistinct(random, catalysts, sectorCatalysts, random.intBetween(side == Side.HOLD ? 0 : 1, 2));
        if (random.chance(0.3)) {
            addDistinct(random, catalysts, GENERIC_CATALYSTS, 1);
        }
        List<String> risks = new ArrayList<>(3);
        addDistinct(random, risks, SECTOR_RISKS.getOrDefault(ticker.sector(), GENERIC_RISKS), 1);
        addDistinct(random, risks, GENERIC_RISKS, random.intBetween(0, 1));
        if (side != Side.HOLD && random.chance(0.5)) {
            addDistinct(random, risks, side == Side.BUY ? BUY_RISKS : SELL_RISKS, 1);
        }
        return new JsonText()
                .string("reasoning", ticker.name() + " (" + ticker.symbol() + "): " + random.pick(reasons) + ", "
                        + when + ".")
                .strings("catalysts", catalysts)
                .strings("risks", risks)
                .object("indicators", indicators(random, ticker, side, entryCents))
                .toString();
    }

    static String quality(SeededRandom random, Side side, TradingHorizon horizon, int confidencePercent,
                          long entryCents) {
        int score = Math.max(30, Math.min(99, confidencePercent + random.intBetween(-8, 8)));
        int freshness = switch (horizon) {
            case DAY -> random.intBetween(1, 5);
            case SWING -> random.intBetween(5, 60);
            case ONE_TO_TWO_MONTHS -> random.intBetween(15, 240);
        };
        String[] ratings = switch (side) {
            case BUY -> BUY_RATINGS;
            case SELL -> SELL_RATINGS;
            case HOLD -> HOLD_RATINGS;
        };
        double consensusMove = switch (side) {
            case BUY -> random.between(0.05, 0.25);
            case SELL -> random.between(-0.20, 0.02);
            case HOLD -> random.between(-0.05, 0.08);
        };
        JsonText consensus = new JsonText()
                .string("rating", random.pick(ratings))
                .integer("analysts", random.intBetween(8, 55))
                .number("price_target", Math.round(entryCents * (1 + consensusMove)), 2);
        return new JsonText()
                .number("score", score, 2)
                .string("analyst", random.pick(ANALYSTS))
                .integer("data_freshness_minutes", freshness)
                .number("backtest_hit_rate", random.intBetween(48, 74), 2)
                .integer("backtest_trades", random.intBetween(120, 4000))
                .object("analyst_consensus", consensus)
                .toString();
    }

    private static JsonText indicators(SeededRandom random, Ticker ticker, Side side, long entryCents) {
        double dailyRange = ticker.volatility() / Math.sqrt(252);
        JsonText json = new JsonText();
        switch (side) {
            case BUY -> json.number("rsi", random.intBetween(380, 660), 1)
                    .string("macd", random.pick(BULLISH_MACD))
                    .number("sma_50", Math.round(entryCents * random.between(0.94, 1.0)), 2)
                    .number("sma_200", Math.round(entryCents * random.between(0.82, 0.97)), 2)
                    .string("trend", random.chance(0.8) ? "up" : "sideways");
            case SELL -> json.number("rsi", random.intBetween(580, 820), 1)
                    .string("macd", random.pick(BEARISH_MACD))
                    .number("sma_50", Math.round(entryCents * random.between(1.0, 1.06)), 2)
                    .number("sma_200", Math.round(entryCents * random.between(0.9, 1.12)), 2)
                    .string("trend", random.chance(0.7) ? "down" : "sideways");
            case HOLD -> json.number("rsi", random.intBetween(440, 560), 1)
                    .string("macd", "flat")
                    .number("sma_50", Math.round(entryCents * random.between(0.97, 1.03)), 2)
                    .number("sma_200", Math.round(entryCents * random.between(0.9, 1.05)), 2)
                    .string("trend", "sideways");
        }
        return json.number("atr", Math.max(1, Math.round(entryCents * dailyRange * random.between(0.8, 1.2))), 2)
                .number("volume_ratio", random.intBetween(60, 250), 2);
    }

    private static void addDistinct(SeededRandom random, List<String> into, String[] choices, int howMany) {
        for (int i = 0; i < howMany; i++) {
            String choice = random.pick(choices);
            if (!into.contains(choice)) {
                into.add(choice);
            }
        }
    }
}
