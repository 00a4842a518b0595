package trading.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code -- Depends:} headers of a folder, resolved against its status. A dependency
 * must exist (as a file or in the history), be numbered before the file that needs it,
 * not form a cycle, and be applied by the time the file runs. A header may name a
 * dependency by version or by bare number.
 */
final class Dependencies {
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
        List<String> problems = new ArrayList<>();
        Optional<List<String>> cycle = findCycle();
        cycle.ifPresent(c -> problems.add("the Depends: headers form a cycle: " + String.join(" -> ", c)
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
        if (!problems.isEmpty()) {
            throw ToolkitException.usage("Broken dependencies; nothing was changed:\n  - "
                    + String.join("\n  - ", problems));
        }
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

    private Optional<List<String>> findCycle() {
        Map<String, Boolean> onPath = new HashMap<>();
        for (MigrationStatus m : report.migrations()) {
            List<String> path = new ArrayList<>();
            if (visit(m.version(), onPath, path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Depth-first search: onPath true = on the current path, false = done. On a cycle, {@code path} is the cycle. */
    private boolean visit(String version, Map<String, Boolean> onPath, List<String> path) {
        Boolean state = onPath.get(version);
        if (Boolean.FALSE.equals(state)) {
            return false;
        }
        if (Boolean.TRUE.equals(state)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(version), path.size()));
            cycle.add(version);
            path.clear();
            path.addAll(cycle);
            return true;
        }
        onPath.put(version, true);
        path.add(version);
        for (String dependency : byVersion.get(version).depends()) {
            Optional<String> next = resolve(dependency);
            if (next.isPresent() && visit(next.get(), onPath, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        onPath.put(version, false);
        return false;
    }
}
