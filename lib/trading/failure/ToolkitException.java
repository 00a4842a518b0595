package trading.failure;

/**
 * A failure meant for a person: the message says what went wrong and what to do, and never
 * contains a password. {@link #kind()} tells callers what kind of failure it was.
 */
public class ToolkitException extends RuntimeException {
    private final FailureKind kind;

    public ToolkitException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ToolkitException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    public static ToolkitException usage(String message) {
        return new ToolkitException(FailureKind.BAD_INPUT, message);
    }
}
