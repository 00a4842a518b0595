package trading.seed;

import trading.seed.SyntheticRecommendation.OptionType;

/**
 * Black-Scholes prices and greeks, so that a synthetic option's premium, delta and
 * the rest agree with its strike, expiry and implied volatility. StrictMath keeps the
 * results bit-for-bit the same on every JVM, which same-seed-same-data depends on.
 */
final class OptionPricer {
    static final double RISK_FREE_RATE = 0.04;

    /** The price and greeks of one option; theta is per calendar day, vega and rho per percentage point. */
    record Quote(double price, double delta, double gamma, double theta, double vega, double rho) { }

    private OptionPricer() {}

    static Quote quote(OptionType type, double spot, double strike, double years, double volatility) {
        double sqrtT = Math.sqrt(years);
        double d1 = (StrictMath.log(spot / strike) + (RISK_FREE_RATE + volatility * volatility / 2) * years)
                / (volatility * sqrtT);
        double d2 = d1 - volatility * sqrtT;
        double discount = StrictMath.exp(-RISK_FREE_RATE * years);
        double density = StrictMath.exp(-d1 * d1 / 2) / Math.sqrt(2 * Math.PI);
        double gamma = density / (spot * volatility * sqrtT);
        double vega = spot * density * sqrtT / 100;
        double decay = -spot * density * volatility / (2 * sqrtT);
        return switch (type) {
            case CALL -> new Quote(spot * cdf(d1) - strike * discount * cdf(d2), cdf(d1), gamma,
                    (decay - RISK_FREE_RATE * strike * discount * cdf(d2)) / 365, vega,
                    strike * years * discount * cdf(d2) / 100);
            case PUT -> new Quote(strike * discount * cdf(-d2) - spot * cdf(-d1), cdf(d1) - 1, gamma,
                    (decay + RISK_FREE_RATE * strike * discount * cdf(-d2)) / 365, vega,
                    -strike * years * discount * cdf(-d2) / 100);
        };
    }

    /** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 1e-7). */
    static double cdf(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = StrictMath.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }
}
