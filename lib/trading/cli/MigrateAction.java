package trading.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code migrate} does instead of migrating: at most one of these (an exclusive group). */
public final class MigrateAction {
    @Option(names = "--status", description = "Show the state of every migration (same as status).")
    public boolean status;

    @Option(names = "--dry-run", description = "Print the pending migrations, their SQL and what would be recorded; execute nothing.")
    public boolean dryRun;

    @Option(names = "--rehearse", description = "Run every pending migration for real inside a transaction, then roll it all back; report each.")
    public boolean rehearse;

    @Option(names = "--rollback", description = "Revert the newest applied migration with its .down.sql (see --steps,"
            + " --to, --all). Transactional steps run in one transaction; a down script with 'Transaction: none'"
            + " runs on its own, statement by statement, after the steps before it have committed.")
    public boolean rollback;

    @Option(names = "--validate", description = "Report modified, missing, failed and out-of-order migrations; exit 3 if any.")
    public boolean validate;

    @Option(names = "--repair", description = "Realign recorded checksums with the files and remove failed and missing rows; lists each change.")
    public boolean repair;

    @Option(names = "--baseline", paramLabel = "VERSION", description = "Mark a database that already has the schema as migrated up to VERSION.")
    public String baseline;

    @Option(names = "--restore", paramLabel = "DIR", description = "Bring the database back to a backup folder written by --backup.")
    public Path restore;
}
