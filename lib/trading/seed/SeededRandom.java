package trading.seed;

/**
 * A small, fully specified random generator (SplitMix64) for synthetic data. It is
 * written out here instead of using {@code java.util.SplittableRandom} because the same
 * seed must give byte-identical data on every JVM, and only our own code guarantees
 * that the algorithm never changes. Not for anything secret.
 */
final class SeededRandom {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one of several independent streams of the same seed. */
    public static SeededRandom stream(long seed, long stream) {
        return new SeededRandom(mix(seed) ^ mix(stream * GAMMA + 0x632BE59BD9B4E019L));
    }

    public long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [min, max). */
    public double between(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [min, max], both included. */
    public int intBetween(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    public <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }

    /** An index drawn with the given relative weights. */
    public int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
