package trading.core;

/**
 * An error meant for a person: the message says what went wrong and what to do,
 * and never contains a password. The exit code tells scripts what kind of error it was.
 */
public class ToolkitException extends RuntimeException {
    private final ExitCode exitCode;

    public ToolkitException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ToolkitException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static ToolkitException usage(String message) {
        return new ToolkitException(ExitCode.USAGE, message);
    }
}
