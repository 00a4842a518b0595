import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The timings of one tool on one piece of work: whole-process wall time of each run and,
 * where the tool prints it, the time spent inside its own process.
 */
final class Samples {
    private final List<Long> wallMillis = new ArrayList<>();
    private final List<Long> inProcessMillis = new ArrayList<>();

    void add(Run run) {
        wallMillis.add(run.wallMillis());
        run.inProcessMillis().ifPresent(inProcessMillis::add);
    }

    boolean isEmpty() {
        return wallMillis.isEmpty();
    }

    int count() {
        return wallMillis.size();
    }

    long median() {
        return median(wallMillis);
    }

    long min() {
        return wallMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    long max() {
        return wallMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** The median of the in-process times, when every run printed one. */
    OptionalLong inProcessMedian() {
        return inProcessMillis.isEmpty() || inProcessMillis.size() != wallMillis.size()
                ? OptionalLong.empty() : OptionalLong.of(median(inProcessMillis));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One run: how long it took as a user feels it, and what the tool says it spent itself. */
    record Run(long wallMillis, OptionalLong inProcessMillis) {}
}
