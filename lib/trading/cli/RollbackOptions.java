package trading.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import trading.migrate.MigrationManager;
import trading.migrate.RollbackResult;

/** How far {@code --rollback} goes: {@code --steps N}, {@code --to VERSION} or {@code --all}; one step by default. */
public final class RollbackOptions {
    @Option(names = "--steps", paramLabel = "N", description = "With --rollback: revert the newest N migrations.")
    Integer steps;

    @Option(names = "--all", description = "With --rollback: revert every applied migration.")
    boolean all;

    @Option(names = "--to", paramLabel = "VERSION", description = "With --rollback: revert everything applied after"
            + " VERSION; --to 0 reverts everything.")
    String to;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** Refuses these options without {@code --rollback}, and more than one of them. */
    public void check(boolean rollback) {
        if ((steps != null || to != null || all) && !rollback) {
            throw new ParameterException(command.commandLine(), "--steps, --to and --all go with --rollback.");
        }
        if ((steps != null ? 1 : 0) + (to != null ? 1 : 0) + (all ? 1 : 0) > 1) {
            throw new ParameterException(command.commandLine(), "Give one of --steps, --to and --all.");
        }
    }

    public RollbackResult rollback(MigrationManager manager) {
        return all ? manager.rollbackAll() : to != null ? manager.rollbackTo(to) : manager.rollback(steps == null ? 1 : steps);
    }
}
