package trading.seed;

/**
 * Writes a whole number of hundredths (or any power-of-ten fraction) as an exact
 * decimal, e.g. 22750 at scale 2 as {@code 227.50}. Exact and allocation-free, unlike
 * formatting a double, so generated prices are the same text on every machine.
 */
final class FixedPoint {
    private FixedPoint() {}

    public static StringBuilder append(StringBuilder out, long unscaled, int scale) {
        if (unscaled < 0) {
            out.append('-');
            unscaled = -unscaled;
        }
        long divisor = 1;
        for (int i = 0; i < scale; i++) {
            divisor *= 10;
        }
        out.append(unscaled / divisor);
        if (scale > 0) {
            out.append('.');
            String fraction = Long.toString(unscaled % divisor);
            for (int i = fraction.length(); i < scale; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
        return out;
    }

    public static String format(long unscaled, int scale) {
        return append(new StringBuilder(24), unscaled, scale).toString();
    }

    /** {@code value} rounded half away from zero to {@code scale} decimals, as a whole number of those units. */
    public static long round(double value, int scale) {
        double factor = 1;
        for (int i = 0; i < scale; i++) {
            factor *= 10;
        }
        return Math.round(value * factor);
    }
}
