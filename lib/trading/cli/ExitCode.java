package trading.cli;

import trading.failure.FailureKind;

/**
 * The process exit codes every command uses, listed in each --help and in
 * docs/layout.md. The core reports a {@link FailureKind}; this is the only place that
 * turns one into a code.
 */
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

    /** The code a failure of this kind ends the process with. */
    public static ExitCode of(FailureKind kind) {
        return switch (kind) {
            case BAD_INPUT -> USAGE;
            case VALIDATION -> VALIDATION_FAILED;
            case MIGRATION_FAILED, WORK_FAILED -> MIGRATION_FAILED;
            case LOCK_TIMEOUT -> LOCK_TIMEOUT;
            case CONNECTION -> CANNOT_CONNECT;
        };
    }
}
