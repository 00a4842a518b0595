package trading.view;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import trading.migrate.LockHolder;
import trading.migrate.MigrationFailure;
import trading.migrate.MigrationListener;
import trading.sqlfile.MigrationFile;

/** Prints each migration as it runs, and on stderr who holds the lock while migrate waits for it. */
public record MigrationProgress(PrintWriter out, PrintWriter err) implements MigrationListener {
    @Override
    public void historyUpgraded(String table, List<String> changes) {
        out.println("Upgraded " + table + " from the original Python runner's layout: " + String.join("; ", changes)
                + ". Nothing was re-applied.");
        out.flush();
    }

    @Override
    public void waitingForLock(Optional<LockHolder> holder, Duration waited) {
        err.println("Waiting for the migration lock (" + waited.toSeconds() + " s so far), held by "
                + holder.map(LockHolder::describe).orElse("a session this user cannot see") + ".");
        err.flush();
    }

    @Override
    public void applying(MigrationFile file) {
        startLine(file.version());
    }

    @Override
    public void applied(MigrationFile file, long millis) {
        endLine(file.isNoOp() ? "no-op (no SQL; recorded)" : "ok (" + millis + " ms)");
    }

    @Override
    public void failed(MigrationFile file, MigrationFailure failure) {
        endLine("FAILED");
    }

    @Override
    public void reverting(String version) {
        startLine(version);
    }

    @Override
    public void reverted(String version, long millis) {
        endLine("reverted (" + millis + " ms)");
    }

    @Override
    public void revertedNoOp(String version) {
        endLine("no-op (empty down script; history row removed)");
    }

    private void startLine(String version) {
        out.print(String.format("  %-40s ", version));
        out.flush();
    }

    private void endLine(String outcome) {
        out.println(outcome);
        out.flush();
    }
}
