package trading.failure;

/**
 * What kind of failure stopped a command. The core says the kind; only the command line
 * turns it into a process exit code (docs/layout.md lists them).
 */
public enum FailureKind {
    /** Bad usage or bad input files: an option, a URL, a migration file or a backup folder is wrong. */
    BAD_INPUT,
    /** The history does not match the files, or schema_migrations was made by another tool. */
    VALIDATION,
    /** A migration, rollback, backup or restore failed; what it changed was rolled back unless the message says otherwise. */
    MIGRATION_FAILED,
    /** Other database work failed: loading sample data or running a query. */
    WORK_FAILED,
    /** The migration lock was not acquired in time. */
    LOCK_TIMEOUT,
    /** The database could not be reached, or the connection broke. */
    CONNECTION
}
