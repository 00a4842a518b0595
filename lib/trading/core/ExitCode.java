package trading.core;

/** The process exit codes every command uses; the README and each --help list them. */
public enum ExitCode {
    OK(0, "done"),
    MIGRATION_FAILED(1, "a migration failed (for other commands: their database work failed)"),
    USAGE(2, "bad usage or bad input files"),
    VALIDATION_FAILED(3, "validation failed: modified, missing, failed, running, renamed or out-of-order migrations,"
            + " or a schema_migrations table another tool made"),
    LOCK_TIMEOUT(4, "the migration lock was not acquired in time"),
    CANNOT_CONNECT(5, "cannot connect to the database");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
