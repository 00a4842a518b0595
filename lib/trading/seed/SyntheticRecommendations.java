package trading.seed;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import trading.seed.SyntheticRecommendation.OptionIdea;
import trading.seed.SyntheticRecommendation.OptionTarget;
import trading.seed.SyntheticRecommendation.OptionType;
import trading.seed.SyntheticRecommendation.Side;
import trading.seed.SyntheticRecommendation.Target;
import trading.seed.SyntheticRecommendation.TargetType;

/**
 * An endless, deterministic stream of realistic recommendations. Everything, the keys
 * included, comes from one {@link SeededRandom}, so (seed, generation, anchor date)
 * fixes every byte. The generation gives a second load with the same seed keys of its
 * own. Times are relative to the anchor date: recommendations were made in the year
 * before it, options expire on a Friday at least 3 days after it.
 */
public final class SyntheticRecommendations {
    /** How far back {@code asof} goes from the anchor. */
    static final int HISTORY_DAYS = 365;
    /** BUY, SELL and HOLD in proportion 50:30:20; only BUY and SELL get options, so 37.5% of those makes ~30% overall. */
    static final double OPTION_SHARE_OF_DIRECTIONAL = 0.375;

    private static final String[] BUY_NOTES = {"Prior swing high", "Take partial profits here",
        "Move the stop to entry after this", "All-time high", "Only on a strong earnings beat"};
    private static final String[] SELL_NOTES = {"Gap fill", "50-day average", "Cover a third here",
        "Only if support breaks", "Prior swing low"};
    private static final String[] CALL_NOTES = {"Slightly out-of-the-money call through the next earnings date",
        "Defined-risk way to play the breakout", "Leveraged exposure with capped downside",
        "Roll the strike up if target 1 hits"};
    private static final String[] PUT_NOTES = {"Defined-risk way to play the pullback",
        "Puts instead of a short: no borrow cost, capped risk", "Close before expiry week to limit theta decay"};
    private static final String[] TERM_STRUCTURES = {"contango", "flat", "backwardation"};
    private static final String[] PREMIUM_NOTES = {"Take half off here", "Take the rest off here",
        "Only if the stock target hits"};

    private final SeededRandom random;
    private final LocalDate anchorDate;
    private final long anchorEpochSecond;

    public SyntheticRecommendations(long seed, long generation, LocalDate anchorDate) {
        this.random = SeededRandom.stream(seed, generation);
        this.anchorDate = anchorDate;
        this.anchorEpochSecond = anchorDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** The key of the first recommendation this stream makes, to tell whether it was loaded before. */
    public static UUID firstKey(long seed, long generation, LocalDate anchorDate) {
        return new SyntheticRecommendations(seed, generation, anchorDate).next().recoId();
    }

    public SyntheticRecommendation next() {
        UUID recoId = uuid();
        Ticker ticker = Ticker.UNIVERSE.get(random.nextInt(Ticker.UNIVERSE.size()));
        TradingHorizon horizon = TradingHorizon.draw(random);
        Side side = Side.values()[random.weighted(50, 30, 20)];
        long entry = ticker.lowCents() + (long) (random.nextDouble() * (ticker.highCents() - ticker.lowCents() + 1));
        // A steady feed over a year, so "the last 7 days" is about 2% of the rows, as in production.
        double ago = random.nextDouble();
        Instant asof = Instant.ofEpochSecond(anchorEpochSecond - 1 - (long) (ago * HISTORY_DAYS * 86_400));
        int confidence = side == Side.HOLD ? random.intBetween(35, 70) : random.intBetween(45, 95);
        double typicalMove = horizon.typicalMove(ticker.volatility());

        List<Target> targets = side == Side.HOLD
                ? range(horizon, entry, confidence, typicalMove)
                : ladder(side, horizon, entry, confidence, typicalMove);
        long expectedMove = side == Side.HOLD
                ? random.intBetween(-150, 150)
                : basisPoints(entry, priceOf(entry, targets.get((targets.size() - 1) / 2)));
        OptionIdea option = side != Side.HOLD && random.chance(OPTION_SHARE_OF_DIRECTIONAL)
                ? option(ticker, side, horizon, entry, confidence)
                : null;
        String rationale = RationaleWriter.rationale(random, ticker, side, horizon, entry);
        String quality = RationaleWriter.quality(random, side, horizon, confidence, entry);
        return new SyntheticRecommendation(recoId, asof, ticker.symbol(), horizon, side, entry, confidence,
                expectedMove, rationale, quality, targets, option);
    }

    /** BUY targets climb above entry, SELL targets fall below it; each rung further and less likely than the last. */
    private List<Target> ladder(Side side, TradingHorizon horizon, long entry, int confidence, double typicalMove) {
        int count = 1 + random.weighted(15, 25, 30, 18, 12);
        List<Target> targets = new ArrayList<>(count);
        int direction = side == Side.BUY ? 1 : -1;
        double move = Math.max(0.002, typicalMove * random.between(0.25, 0.6));
        long previous = entry;
        int rungConfidence = confidence;
        int eta = horizon.firstEtaMinutes(random);
        for (int ordinal = 1; ordinal <= count; ordinal++) {
            // exp() keeps a SELL target positive however far the ladder reaches.
            long price = Math.round(entry * StrictMath.exp(direction * move));
            price = direction > 0 ? Math.max(previous + 1, price) : Math.min(previous - 1, price);
            rungConfidence = ordinal == 1
                    ? (int) Math.round(confidence * random.between(0.82, 1.0))
                    : lessConfident(rungConfidence);
            boolean stretch = ordinal == count && count >= 3 && random.chance(0.35);
            TargetType type = stretch ? TargetType.PERCENTAGE
                    : random.chance(0.25) ? TargetType.TECHNICAL : TargetType.PRICE;
            String name = switch (type) {
                case PRICE -> "Target " + ordinal;
                case PERCENTAGE -> "Stretch";
                case TECHNICAL -> (ordinal == 1 ? "First " : ordinal == 2 ? "Second " : "Major ")
                        + (side == Side.BUY ? "Resistance" : "Support");
            };
            long value = type == TargetType.PERCENTAGE ? basisPoints(entry, price) : price;
            Integer etaMinutes = random.chance(stretch ? 0.5 : 0.05) ? null : eta;
            String notes = random.chance(0.25) ? random.pick(side == Side.BUY ? BUY_NOTES : SELL_NOTES) : null;
            targets.add(new Target(ordinal, name, type, value, rungConfidence, etaMinutes, notes));
            previous = price;
            move *= random.between(1.2, 1.45);
            eta += horizon.etaStepMinutes(random);
        }
        return targets;
    }

    /** A HOLD has no direction: the edges of the expected trading range, the top first. */
    private List<Target> range(TradingHorizon horizon, long entry, int confidence, double typicalMove) {
        int count = random.intBetween(1, 2);
        List<Target> targets = new ArrayList<>(count);
        int rungConfidence = (int) Math.round(confidence * random.between(0.82, 1.0));
        int eta = horizon.firstEtaMinutes(random);
        for (int ordinal = 1; ordinal <= count; ordinal++) {
            int direction = ordinal == 1 ? 1 : -1;
            long level = Math.round(entry * StrictMath.exp(direction * Math.max(0.002, typicalMove * random.between(0.2, 0.5))));
            level = direction > 0 ? Math.max(entry + 1, level) : Math.min(entry - 1, level);
            targets.add(new Target(ordinal, ordinal == 1 ? "Range high" : "Range low", TargetType.TECHNICAL, level,
                    rungConfidence, eta, null));
            rungConfidence = lessConfident(rungConfidence);
            eta += horizon.etaStepMinutes(random);
        }
        return targets;
    }

    /** A CALL for a BUY, a PUT for a SELL, priced by Black-Scholes at a near-the-money strike. */
    private OptionIdea option(Ticker ticker, Side side, TradingHorizon horizon, long entry, int confidence) {
        OptionType type = side == Side.BUY ? OptionType.CALL : OptionType.PUT;
        // Listed options expire on Fridays.
        LocalDate expiry = anchorDate.plusDays(horizon.daysToExpiry(random)).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        double years = (expiry.toEpochDay() - anchorDate.toEpochDay()) / 365.0;
        long ivBasis = FixedPoint.round(ticker.volatility() * random.between(0.85, 1.35), 4);
        double iv = ivBasis / 10_000.0;
        double outOfTheMoney = random.between(-0.02, 0.05);
        long strike = strikeOnGrid(entry * (type == OptionType.CALL ? 1 + outOfTheMoney : 1 - outOfTheMoney));
        OptionPricer.Quote quote = OptionPricer.quote(type, entry / 100.0, strike / 100.0, years, iv);
        long premium = Math.max(5, FixedPoint.round(quote.price(), 2));
        // Rounding must not push a deep in-the-money delta onto the open interval's edge.
        long delta = Math.max(100, Math.min(9_900, Math.abs(FixedPoint.round(quote.delta(), 4))));
        String greeks = new JsonText()
                .number("delta", type == OptionType.CALL ? delta : -delta, 4)
                .number("gamma", FixedPoint.round(quote.gamma(), 4), 4)
                .number("theta", FixedPoint.round(quote.theta(), 4), 4)
                .number("vega", FixedPoint.round(quote.vega(), 4), 4)
                .number("rho", FixedPoint.round(quote.rho(), 4), 4)
                .toString();
        int ivRank = random.intBetween(5, 95);
        String ivJson = new JsonText()
                .number("iv", ivBasis, 4)
                .integer("iv_rank", ivRank)
                .integer("iv_percentile", Math.max(0, Math.min(100, ivRank + random.intBetween(-10, 10))))
                .number("hv_30", FixedPoint.round(ticker.volatility() * random.between(0.8, 1.1), 4), 4)
                .string("term_structure", random.pick(TERM_STRUCTURES))
                .toString();
        String notes = random.chance(0.5) ? random.pick(type == OptionType.CALL ? CALL_NOTES : PUT_NOTES) : null;

        int count = 1 + random.weighted(40, 35, 25);
        List<OptionTarget> targets = new ArrayList<>(count);
        long previous = premium;
        int rungConfidence = (int) Math.round(confidence * random.between(0.7, 0.9));
        int eta = horizon.firstEtaMinutes(random);
        for (int ordinal = 1; ordinal <= count; ordinal++) {
            long value = Math.max(previous + 1, Math.round(previous * random.between(1.25, 1.6)));
            targets.add(new OptionTarget(ordinal, "Premium " + ordinal, value, rungConfidence,
                    random.chance(0.1) ? null : eta, random.chance(0.2) ? random.pick(PREMIUM_NOTES) : null));
            previous = value;
            rungConfidence = lessConfident(rungConfidence);
            eta += horizon.etaStepMinutes(random);
        }
        return new OptionIdea(type, expiry, strike, premium, greeks, ivJson, notes, targets);
    }

    /** Strictly below the previous rung and never below 0.01. */
    private int lessConfident(int previous) {
        return Math.max(1, Math.min(previous - 1, (int) Math.round(previous * random.between(0.6, 0.85))));
    }

    /** Listed strikes: 50-cent steps below $25, $1 below $200, $5 below $1000, then $10. */
    private static long strikeOnGrid(double cents) {
        long step = cents < 2_500 ? 50 : cents < 20_000 ? 100 : cents < 100_000 ? 500 : 1_000;
        return Math.max(step, Math.round(cents / step) * step);
    }

    /** The move from entry to price in hundredths of a percent: negative when the price is below entry. */
    private static long basisPoints(long entry, long price) {
        return Math.round((price - entry) * 10_000.0 / entry);
    }

    /** The price a target stands for, in cents: a percentage target is a move from entry. */
    static long priceOf(long entryCents, Target target) {
        return target.type() == TargetType.PERCENTAGE
                ? Math.round(entryCents * (1 + target.valueHundredths() / 10_000.0))
                : target.valueHundredths();
    }

    /** A version-4 UUID whose random bits come from the seeded stream. */
    private UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
