package trading.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.sqlfile.MigrationFile;

/**
 * The {@code -- Depends:} headers of a folder, resolved against its status. A dependency
 * must exist (as a file or in the history), be numbered before the file that needs it,
 * not form a cycle, and be applied by the time the file runs. A header may name a
 * dependency by version or by bare number.
 */
final class Dependencies {
    private static final int MAX_SHOWN = 50;
    private final StatusReport report;
    private final Map<String, MigrationStatus> byVersion = new HashMap<>();
    private final Map<Long, String> versionByNumber = new HashMap<>();

    Dependencies(StatusReport report) {
        this.report = report;
        for (MigrationStatus m : report.migrations()) {
            byVersion.put(m.version(), m);
            versionByNumber.put(m.number(), m.version());
        }
    }

    /** The full versions {@code m} depends on; a name that resolves to nothing is kept as written. */
    List<String> of(MigrationStatus m) {
        return m.depends().stream().map(d -> resolve(d).orElse(d)).toList();
    }

    /** Throws a usage error (exit 2) listing every broken dependency, given what is about to be applied. */
    void check(List<MigrationFile> toApply) {
        Set<String> applying = new HashSet<>();
        toApply.forEach(f -> applying.add(f.version()));
        Problems problems = new Problems();
        Optional<List<String>> cycle = findCycle();
        cycle.ifPresent(c -> problems.add("the Depends: headers form a cycle: " + shortened(c)
                + ". Remove one of these dependencies."));
        for (MigrationStatus m : report.migrations()) {
            for (String dependency : m.depends()) {
                MigrationStatus target = resolve(dependency).map(byVersion::get).orElse(null);
                if (target == null) {
                    problems.add(m.version() + " depends on " + dependency + ", which does not exist."
                            + " Fix its Depends: header (it lists versions such as 001_create_recommendations_tables).");
                } else if (target.number() >= m.number() && cycle.isEmpty()) {
                    problems.add(m.version() + " depends on " + target.version() + ", which is numbered after it"
                            + " and so would run later. Renumber one of them, or fix the Depends: header.");
                } else if (applying.contains(m.version()) && target.state() == MigrationState.OUT_OF_ORDER
                        && !applying.contains(target.version())) {
                    problems.add(m.version() + " depends on " + target.version() + ", which is out of order and"
                            + " would not be applied. Run with --out-of-order to apply both.");
                }
            }
        }
        problems.firstOnly(MAX_SHOWN).throwIfAny(FailureKind.BAD_INPUT, "Broken dependencies; nothing was changed");
    }

    private Optional<String> resolve(String dependency) {
        if (byVersion.containsKey(dependency)) {
            return Optional.of(dependency);
        }
        if (dependency.matches("\\d{1,18}")) {
            return Optional.ofNullable(versionByNumber.get(Long.parseLong(dependency)));
        }
        return Optional.empty();
    }

    /**
     * Depth-first search for a cycle, with an explicit stack instead of recursion: a chain of
     * tens of thousands of files would overflow the thread's stack. On a cycle, the versions
     * along it, the first repeated at the end.
     */
    private Optional<List<String>> findCycle() {
        Map<String, Boolean> onPath = new HashMap<>();
        for (MigrationStatus root : report.migrations()) {
            if (onPath.containsKey(root.version())) {
                continue;
            }
            List<String> path = new ArrayList<>();
            List<Iterator<String>> pending = new ArrayList<>();
            enter(root.version(), onPath, path, pending);
            while (!path.isEmpty()) {
                Iterator<String> next = pending.get(pending.size() - 1);
                if (!next.hasNext()) {
                    onPath.put(path.remove(path.size() - 1), false);
                    pending.remove(pending.size() - 1);
                    continue;
                }
                Optional<String> dependency = resolve(next.next());
                if (dependency.isEmpty() || Boolean.FALSE.equals(onPath.get(dependency.get()))) {
                    continue;
                }
                if (Boolean.TRUE.equals(onPath.get(dependency.get()))) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency.get()), path.size()));
                    cycle.add(dependency.get());
                    return Optional.of(cycle);
                }
                enter(dependency.get(), onPath, path, pending);
            }
        }
        return Optional.empty();
    }

    private void enter(String version, Map<String, Boolean> onPath, List<String> path, List<Iterator<String>> pending) {
        onPath.put(version, true);
        path.add(version);
        pending.add(byVersion.get(version).depends().iterator());
    }

    /** A cycle as {@code a -> b -> a}, its middle left out when it is very long. */
    private static String shortened(List<String> cycle) {
        if (cycle.size() <= 2 * MAX_SHOWN) {
            return String.join(" -> ", cycle);
        }
        return String.join(" -> ", cycle.subList(0, MAX_SHOWN)) + " -> ... (" + (cycle.size() - 2 * MAX_SHOWN)
                + " more) ... -> " + String.join(" -> ", cycle.subList(cycle.size() - MAX_SHOWN, cycle.size()));
    }
}
