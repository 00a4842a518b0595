package trading.failure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Everything wrong with an input, collected first and reported in one failure, so a person
 * fixes all of it in one go instead of meeting the problems one run at a time:
 * <pre>
 * Nothing was rolled back:
 *   - 002_audit has no down script: ...
 *   - 003_ledger has no down script: ...
 * </pre>
 */
public final class Problems {
    private static final String BULLET = "\n  - ";

    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    public void addAll(Collection<String> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** The problems so far, in the order they were added. */
    public List<String> list() {
        return List.copyOf(problems);
    }

    /** Throws {@code heading + ":"} and one {@code "  - "} line a problem, when there is any. */
    public void throwIfAny(FailureKind kind, String heading) {
        if (!problems.isEmpty()) {
            throw new ToolkitException(kind, bulleted(heading, problems));
        }
    }

    /** Throws the problems one a line, with no heading (each names its own file), when there is any. */
    public void throwIfAny(FailureKind kind) {
        if (!problems.isEmpty()) {
            throw new ToolkitException(kind, String.join("\n", problems));
        }
    }

    /**
     * The first {@code max} problems and a line that counts the rest: thousands of problems of
     * one kind would bury the first ones, and a few are enough to see the pattern.
     */
    public Problems firstOnly(int max) {
        Problems shown = new Problems();
        shown.problems.addAll(problems.subList(0, Math.min(max, problems.size())));
        if (problems.size() > max) {
            shown.add("... and " + (problems.size() - max) + " more like these.");
        }
        return shown;
    }

    /** {@code heading + ":"}, then one {@code "  - "} line an item: how a list reads in every message. */
    public static String bulleted(String heading, List<String> items) {
        return heading + ":" + BULLET + String.join(BULLET, items);
    }
}
