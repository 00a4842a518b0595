package trading.view;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import trading.migrate.Backup;
import trading.migrate.MigrationResult;
import trading.migrate.RehearsalOutcome;
import trading.migrate.RepairChange;
import trading.migrate.RollbackResult;
import trading.sqlfile.MigrationFile;

/**
 * What {@code migrate} says when an action ends. A failure's own message is printed by the
 * command line; these lines say what stays done before it.
 */
public final class MigrateView {
    private MigrateView() {}

    /** After a migration run: what was applied, or what was applied before the failure and what was not started. */
    public static void migrated(MigrationResult result, String database, long millis, PrintWriter out) {
        if (result.failure().isPresent()) {
            out.println(result.successful() == 0 ? "No migration was applied by this run."
                    : "Applied " + plural(result.successful()) + " before the failure; they stay applied: "
                            + String.join(", ", result.applied().stream().map(a -> a.file().version()).toList()) + ".");
            if (!result.notRun().isEmpty()) {
                out.println("Not started: " + String.join(", ", result.notRun().stream().map(MigrationFile::version)
                        .toList()) + ".");
            }
        } else {
            out.println(result.successful() == 0 ? "Nothing to migrate: " + database + " is up to date."
                    : "Applied " + plural(result.successful()) + " to " + database + " in " + millis + " ms.");
        }
        out.flush();
    }

    /** After a rollback, or what stays reverted before its failure. */
    public static void rolledBack(RollbackResult result, String database, PrintWriter out) {
        if (result.failure().isPresent()) {
            if (!result.reverted().isEmpty()) {
                out.println("Rolled back " + plural(result.reverted().size()) + " before the failure; they stay"
                        + " reverted: " + String.join(", ", result.reverted().stream()
                                .map(RollbackResult.Reverted::version).toList()) + ".");
            }
        } else {
            out.println(result.reverted().isEmpty() ? "Nothing to roll back."
                    : "Rolled back " + plural(result.reverted().size()) + " on " + database + ".");
        }
        out.flush();
    }

    /** The problems {@code --validate} found, or that there are none. */
    public static void validated(List<String> problems, String database, PrintWriter out) {
        if (problems.isEmpty()) {
            out.println("Valid: every applied migration matches its file on " + database + ".");
        } else {
            out.println("Validation failed on " + database + ":");
            problems.forEach(p -> out.println("  - " + p));
        }
        out.flush();
    }

    /** Each row {@code --repair} changed. */
    public static void repaired(List<RepairChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            out.println("Nothing to repair: the history matches the files.");
        } else {
            changes.forEach(c -> out.println("  " + c.version() + ": " + c.detail()));
            out.println("Repaired " + changes.size() + " row" + (changes.size() == 1 ? "" : "s")
                    + " of schema_migrations.");
        }
        out.flush();
    }

    /** Each failed or skipped migration of a rehearsal, then the count; returns how many would fail. */
    public static long rehearsed(List<RehearsalOutcome> outcomes, String database, PrintWriter out) {
        long failed = outcomes.stream().filter(o -> o.kind() == RehearsalOutcome.Kind.FAILED).count();
        for (RehearsalOutcome o : outcomes) {
            if (o.kind() == RehearsalOutcome.Kind.FAILED) {
                out.println();
                out.println(o.failure().getMessage());
            } else if (o.kind() == RehearsalOutcome.Kind.NOT_REHEARSABLE) {
                out.println(String.format("  %-40s not rehearsable (Transaction: none runs outside a transaction)",
                        o.file().version()));
            }
        }
        out.println("Rehearsal on " + database + ": " + (outcomes.size() - failed) + " of " + outcomes.size()
                + " pending migrations would apply" + (failed > 0 ? ", " + failed + " would FAIL" : "")
                + ". Everything was rolled back; the database is unchanged.");
        out.flush();
        return failed;
    }

    public static void baselined(List<MigrationFile> recorded, PrintWriter out) {
        out.println("Baseline: recorded " + recorded.size() + " migrations, up to "
                + recorded.get(recorded.size() - 1).version() + ", as applied without running them.");
        out.flush();
    }

    public static void restored(Backup.Contents restored, Path folder, String database, PrintWriter out) {
        out.println("Restored " + database + " from " + folder + ": " + restored.manifest().tables().size()
                + " tables, " + restored.manifest().tables().stream().mapToLong(Backup.TableData::rows).sum()
                + " rows, " + restored.manifest().migrations().size() + " migrations in the history.");
        out.flush();
    }

    public static void backedUp(Path written, PrintWriter out) {
        out.println("Backup written to " + written);
        out.flush();
    }

    private static String plural(int n) {
        return n + " migration" + (n == 1 ? "" : "s");
    }
}
