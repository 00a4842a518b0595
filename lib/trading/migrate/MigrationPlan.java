package trading.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.failure.ToolkitException;
import trading.sqlfile.Checksum;
import trading.sqlfile.MigrationFile;

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
        Problems unreadable = new Problems();
        for (MigrationFile file : toApply) {
            try {
                file.statements();
            } catch (ToolkitException e) {
                unreadable.add(e.getMessage());
            }
        }
        unreadable.throwIfAny(FailureKind.BAD_INPUT);
        Problems problems = new Problems();
        problems.addAll(problems(report, settings));
        problems.throwIfAny(FailureKind.VALIDATION, "Nothing was applied");
        return new MigrationPlan(report, toApply);
    }

    /** One paragraph per migration that needs attention, each saying how to fix it; pending ones are fine. */
    public static List<String> problems(StatusReport report, MigrationSettings settings) {
        List<String> problems = new ArrayList<>();
        Set<String> renamed = new HashSet<>();
        for (Rename rename : report.renames()) {
            renamed.add(rename.missing().version());
            renamed.add(rename.file().version());
            problems.add(rename.file().file().path() + " looks like the applied migration " + rename.missing().version()
                    + " renamed: same number, same content (checksum " + Checksum.shortForm(rename.file().checksum())
                    + "), and " + rename.missing().version() + ".sql is gone. Record the rename with `migrate --repair`"
                    + " (" + rename.file().version() + " then counts as applied and does not run again), or rename"
                    + " the file back to " + rename.missing().version() + ".sql.");
        }
        Map<String, MigrationStatus> missingByChecksum = new HashMap<>();
        report.migrations().stream().filter(m -> m.state() == MigrationState.MISSING && !renamed.contains(m.version()))
                .forEach(m -> missingByChecksum.putIfAbsent(m.applied().checksum(), m));
        Map<MigrationStatus, MigrationStatus> twins = new HashMap<>();
        for (MigrationStatus m : report.migrations()) {
            MigrationStatus twin = m.applied() == null ? missingByChecksum.get(m.file().checksum()) : null;
            if (twin != null && !renamed.contains(m.version())) {
                twins.put(m, twin);
                renamed.add(twin.version());
            }
        }
        for (MigrationStatus m : report.migrations()) {
            MigrationStatus twin = twins.get(m);
            if (twin == null && renamed.contains(m.version())) {
                continue;
            }
            if (twin != null) {
                String twinNumber = twin.version().substring(0, twin.version().indexOf('_'));
                problems.add(m.file().path() + " has the same content as the applied migration " + twin.version()
                        + ", whose file is gone: probably a rename. If it is " + twin.version() + " renamed, give it"
                        + " back the number " + twinNumber + " (" + twinNumber + m.version().substring(
                        m.version().indexOf('_')) + ".sql) and run `migrate --repair`, which records the rename;"
                        + " run as it is, the same SQL would run twice. If it really is a new migration, run"
                        + " `migrate --repair` to forget " + twin.version() + ", then migrate.");
                continue;
            }
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
