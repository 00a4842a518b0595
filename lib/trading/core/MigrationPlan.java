package trading.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code migrate} would do now: the migrations to apply, in order, once it is known
 * to be safe. Shared by migrate, --dry-run and --rehearse, so all three agree.
 */
public record MigrationPlan(StatusReport report, List<MigrationFile> toApply) {

    public MigrationPlan {
        toApply = List.copyOf(toApply);
    }

    /**
     * The plan for {@code report}: pending files (and out-of-order ones when allowed), after
     * checking dependencies and that every one of them splits into statements (exit 2), and
     * that nothing applied was modified, deleted or failed (exit 3).
     */
    public static MigrationPlan of(StatusReport report, MigrationSettings settings) {
        List<MigrationFile> toApply = report.migrations().stream()
                .filter(m -> m.state() == MigrationState.PENDING
                        || (settings.outOfOrder() && m.state() == MigrationState.OUT_OF_ORDER))
                .map(MigrationStatus::file)
                .toList();
        new Dependencies(report).check(toApply);
        List<String> unreadable = new ArrayList<>();
        for (MigrationFile file : toApply) {
            try {
                file.statements();
            } catch (ToolkitException e) {
                unreadable.add(e.getMessage());
            }
        }
        if (!unreadable.isEmpty()) {
            throw ToolkitException.usage(String.join("\n", unreadable));
        }
        List<String> problems = problems(report, settings);
        if (!problems.isEmpty()) {
            throw new ToolkitException(ExitCode.VALIDATION_FAILED, "Nothing was applied:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new MigrationPlan(report, toApply);
    }

    /** One paragraph per migration that needs attention, each saying how to fix it; pending ones are fine. */
    public static List<String> problems(StatusReport report, MigrationSettings settings) {
        List<String> problems = new ArrayList<>();
        for (MigrationStatus m : report.migrations()) {
            switch (m.state()) {
                case APPLIED, PENDING -> { }
                case OUT_OF_ORDER -> {
                    if (!settings.outOfOrder()) {
                        problems.add(m.version() + " is out of order: it is numbered below a migration that is"
                                + " already applied. Apply it anyway with --out-of-order, or renumber it after"
                                + " the newest applied one.");
                    }
                }
                case MODIFIED -> problems.add(m.file().path() + " was modified after it was applied (recorded"
                        + " checksum " + Checksum.shortForm(m.applied().checksum()) + ", file now "
                        + Checksum.shortForm(m.file().checksum()) + "). Never edit an applied migration: restore it"
                        + " (git checkout -- " + m.file().path() + ") and put the change in a new migration."
                        + " If the edit is harmless, such as a comment, accept it with `migrate --repair`.");
                case MISSING -> problems.add(m.version() + " was applied, but its file is missing from "
                        + settings.migrationsDirectory() + ". Restore the file, or run `migrate --repair` to"
                        + " forget it (what it did stays in the database).");
                case RUNNING -> problems.add(m.version() + " is running now in another session (it holds the"
                        + " migration lock). Wait for it to finish.");
                case FAILED -> problems.add(m.version() + " failed part-way (Transaction: none) and is recorded"
                        + " as failed. Undo what it did or make it safe to re-run, run `migrate --repair` to"
                        + " clear the record, then migrate again.");
            }
        }
        return problems;
    }

}
