package trading.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --backup} before a migration or rollback, where it goes, and {@code --drop-extra} for a restore. */
public final class BackupOptions {
    @Option(names = "--backup", description = "Write a restorable backup first (to --backup-dir); stop if it cannot be written.")
    public boolean backup;

    @Option(names = "--drop-extra", description = "With --restore: also drop what the backup does not contain and"
            + " DROP SCHEMA ... CASCADE would take (tables made by hand, views and foreign keys in other schemas that"
            + " depend on it). Without it, the restore lists them and changes nothing.")
    public boolean dropExtra;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where --backup writes. Default: backups/ in the toolkit's folder.")
    Path backupDir;

    /** {@code --backup-dir}, else {@code backups/} in the toolkit's folder. */
    public Path folder(GlobalOptions global) {
        return backupDir != null ? backupDir : global.home().root().resolve("backups");
    }

    public boolean given() {
        return backup || backupDir != null;
    }
}
