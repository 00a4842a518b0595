package trading.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.failure.ToolkitException;
import trading.sqlfile.DownScript;
import trading.sqlfile.SqlStatement;
import trading.sqlfile.TransactionMode;

/**
 * Reverts applied migrations with their down scripts, newest (last applied) first.
 * Everything is checked before anything runs: that the history is clean, that every down
 * script needed exists and reads, and that no migration staying applied depends on one
 * being reverted. Then consecutive transactional steps run in one transaction with the
 * deletion of their history rows, so a failing down script among them reverts none of them.
 * A {@code Transaction: none} down script runs on its own, statement by statement, like a
 * {@code Transaction: none} up file: its row is marked failed first and deleted at the end,
 * so a failure part-way leaves a failed row that blocks until {@code --repair}
 * (docs/engine.md, "Rolling back").
 */
final class Rollback {
    private static final String NOTHING_ROLLED_BACK = "Nothing was rolled back";

    /** How far to roll back. */
    sealed interface Target {
        /** The newest {@code count} applied migrations. */
        record Steps(int count) implements Target { }

        /** Everything applied after {@code version}. */
        record ToVersion(String version) implements Target { }

        /** Every applied migration. */
        record All() implements Target { }
    }

    private final Connection connection;
    private final MigrationSettings settings;
    private final MigrationListener listener;
    private final History history;

    Rollback(Connection connection, History history, MigrationSettings settings, MigrationListener listener) {
        this.history = history;
        this.connection = connection;
        this.settings = settings;
        this.listener = listener;
    }

    RollbackResult run(StatusReport report, Target target) throws SQLException {
        List<MigrationStatus> applied = report.migrations().stream()
                .filter(m -> m.applied() != null)
                .sorted(Comparator.comparingLong((MigrationStatus m) -> m.applied().id()).reversed())
                .toList();
        Problems problems = new Problems();
        applied.stream().filter(m -> m.state() == MigrationState.FAILED).forEach(m -> problems.add(m.version()
                + " is recorded as failed. Repair the history first (`migrate --repair`), then roll back."));
        problems.throwIfAny(FailureKind.VALIDATION, NOTHING_ROLLED_BACK);
        List<MigrationStatus> toRevert = select(applied, target);
        for (MigrationStatus m : toRevert) {
            if (m.state() == MigrationState.MODIFIED) {
                problems.add(m.file().path() + " was modified after it was applied, so its down script may not"
                        + " match what is in the database. Restore the file (or accept it with `migrate --repair`).");
            }
        }
        problems.throwIfAny(FailureKind.VALIDATION, NOTHING_ROLLED_BACK);
        List<DownScript> scripts = loadDownScripts(toRevert);
        refuseBrokenDependencies(report, applied, toRevert);
        return execute(scripts);
    }

    private static List<MigrationStatus> select(List<MigrationStatus> appliedNewestFirst, Target target) {
        if (target instanceof Target.Steps steps) {
            if (steps.count() > appliedNewestFirst.size()) {
                throw ToolkitException.usage("--steps " + steps.count() + ": only " + appliedNewestFirst.size()
                        + " migrations are applied.");
            }
            return appliedNewestFirst.subList(0, steps.count());
        }
        if (target instanceof Target.All) {
            return appliedNewestFirst;
        }
        String version = ((Target.ToVersion) target).version();
        for (int i = 0; i < appliedNewestFirst.size(); i++) {
            MigrationStatus m = appliedNewestFirst.get(i);
            if (m.version().equals(version) || (version.matches("\\d{1,18}") && m.number() == Long.parseLong(version))) {
                return appliedNewestFirst.subList(0, i);
            }
        }
        throw ToolkitException.usage("--to " + version + ": that migration is not applied. Use status to see"
                + " the applied versions.");
    }

    /** Every down script, or one error naming all that are missing or unreadable. */
    private List<DownScript> loadDownScripts(List<MigrationStatus> toRevert) {
        List<DownScript> scripts = new ArrayList<>();
        Problems problems = new Problems();
        for (MigrationStatus m : toRevert) {
            try {
                scripts.add(DownScript.load(settings.migrationsDirectory(), m.version()));
            } catch (ToolkitException e) {
                problems.add(e.getMessage());
            }
        }
        problems.throwIfAny(FailureKind.BAD_INPUT, NOTHING_ROLLED_BACK);
        return scripts;
    }

    private static void refuseBrokenDependencies(StatusReport report, List<MigrationStatus> applied,
                                                 List<MigrationStatus> toRevert) {
        Set<String> reverting = new HashSet<>();
        toRevert.forEach(m -> reverting.add(m.version()));
        Dependencies dependencies = new Dependencies(report);
        Problems problems = new Problems();
        for (MigrationStatus staying : applied) {
            if (reverting.contains(staying.version())) {
                continue;
            }
            for (String dependency : dependencies.of(staying)) {
                if (reverting.contains(dependency)) {
                    problems.add(staying.version() + " stays applied but depends on " + dependency
                            + ". Roll back " + staying.version() + " too, or keep " + dependency + ".");
                }
            }
        }
        problems.throwIfAny(FailureKind.BAD_INPUT, NOTHING_ROLLED_BACK);
    }

    private RollbackResult execute(List<DownScript> scripts) throws SQLException {
        List<RollbackResult.Reverted> reverted = new ArrayList<>();
        int next = 0;
        while (next < scripts.size()) {
            int end = next;
            while (end < scripts.size() && scripts.get(end).transaction() == TransactionMode.TRANSACTIONAL) {
                end++;
            }
            Optional<MigrationFailure> failure = end > next
                    ? revertInTransaction(scripts.subList(next, end), reverted, !reverted.isEmpty())
                    : revertWithoutTransaction(scripts.get(end++), reverted);
            if (failure.isPresent()) {
                return new RollbackResult(reverted, failure);
            }
            next = end;
        }
        return new RollbackResult(reverted, Optional.empty());
    }

    /** Reverts {@code scripts} in one transaction; on failure none of them is reverted. */
    private Optional<MigrationFailure> revertInTransaction(List<DownScript> scripts, List<RollbackResult.Reverted> reverted,
                                                           boolean earlierStepsCommitted) throws SQLException {
        List<RollbackResult.Reverted> done;
        try {
            done = Transactions.inTransactionWithLockTimeout(connection, settings.ddlLockTimeout(),
                    () -> revert(scripts, earlierStepsCommitted));
        } catch (Refused refused) {
            return Optional.of(refused.failure);
        }
        done.forEach(r -> reported(r, reverted));
        return Optional.empty();
    }

    /** Runs {@code scripts} and deletes their history rows, inside the open transaction. */
    private List<RollbackResult.Reverted> revert(List<DownScript> scripts, boolean earlierStepsCommitted)
            throws SQLException {
        List<RollbackResult.Reverted> done = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            OpenTransaction transaction = OpenTransaction.of(connection);
            for (DownScript script : scripts) {
                listener.reverting(script.version());
                long start = System.nanoTime();
                for (SqlStatement statement : script.statements()) {
                    try {
                        s.execute(statement.sql());
                        if (!transaction.stillOpen()) {
                            // DownScript refuses COMMIT; this catches one hidden from it. Stop before anything more runs.
                            throw new ToolkitException(FailureKind.MIGRATION_FAILED, script.path() + ":" + statement.line()
                                    + ": this ended the rollback's transaction (a COMMIT or ROLLBACK hidden in it), so the"
                                    + " rollback stopped here. What ran before it may have been committed while the history"
                                    + " still lists those migrations as applied: check the database, and remove the"
                                    + " transaction control from the down script.");
                        }
                    } catch (SQLException e) {
                        throw new Refused(MigrationFailure.of(script.path(), statement, e, "  "
                                + (earlierStepsCommitted ? "The steps reverted before it stay reverted; this one and the"
                                + " others in its transaction were undone." : "Nothing was rolled back: the rollback ran in"
                                + " one transaction, which was undone.") + " Fix the down script and roll back again."));
                    }
                }
                for (String identity : LockedSession.ownIdentity()) {
                    s.execute(identity);
                }
                history.delete(connection, script.version());
                done.add(new RollbackResult.Reverted(script.version(), (System.nanoTime() - start) / 1_000_000,
                        script.statements().isEmpty()));
            }
        }
        return done;
    }

    /** Reverts one {@code Transaction: none} down script, statement by statement, each committing on its own. */
    private Optional<MigrationFailure> revertWithoutTransaction(DownScript script, List<RollbackResult.Reverted> reverted)
            throws SQLException {
        listener.reverting(script.version());
        history.markFailed(connection, script.version());
        long start = System.nanoTime();
        List<SqlStatement> done = new ArrayList<>();
        for (SqlStatement statement : script.statements()) {
            StatementBatch.Outcome outcome = StatementBatch.run(connection, List.of(statement.sql()));
            if (!outcome.succeeded()) {
                return Optional.of(MigrationFailure.of(script.path(), statement, outcome.error().orElseThrow(),
                        "  This is a 'Transaction: none' down script: " + script.version() + " is now recorded as FAILED"
                                + " and blocks migrating until repaired. "
                                + (done.isEmpty() ? "No earlier statement of it ran."
                                        : "Its statements on lines " + String.join(", ",
                                        done.stream().map(d -> String.valueOf(d.line())).toList())
                                        + " ran and were NOT undone.")
                                + (reverted.isEmpty() ? "" : " The steps reverted before it stay reverted.")
                                + "\n  To recover: finish or undo what it did, run `migrate --repair` (which forgets "
                                + script.version() + ", so migrate applies it again), then migrate or roll back again."));
            }
            done.add(statement);
        }
        for (String identity : LockedSession.ownIdentity()) {
            StatementBatch.run(connection, List.of(identity));
        }
        history.delete(connection, script.version());
        reported(new RollbackResult.Reverted(script.version(), (System.nanoTime() - start) / 1_000_000,
                script.statements().isEmpty()), reverted);
        return Optional.empty();
    }

    private void reported(RollbackResult.Reverted step, List<RollbackResult.Reverted> reverted) {
        reverted.add(step);
        if (step.noOp()) {
            listener.revertedNoOp(step.version());
        } else {
            listener.reverted(step.version(), step.millis());
        }
    }

    /**
     * A down script PostgreSQL refused: thrown so that the transaction is rolled back, then
     * returned as the result's failure rather than thrown to the caller.
     */
    private static final class Refused extends RuntimeException {
        private final MigrationFailure failure;

        Refused(MigrationFailure failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
