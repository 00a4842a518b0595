package trading.db;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one way a {@link SQLException} becomes text for a person, as psql shows it:
 * <pre>
 * ERROR 23505: duplicate key value violates unique constraint "ledger_pkey"
 *   DETAIL: Key (id)=(1) already exists.
 * </pre>
 * {@code DETAIL}, {@code HINT} and {@code WHERE} lines follow only when the server sent
 * them. The text is the server's; a caller that knows the URL scrubs it of the password
 * ({@link Database#scrub}).
 */
public final class SqlErrors {
    /** What stands for the SQLSTATE when the driver gave none. */
    static final String UNKNOWN_STATE = "?????";

    private SqlErrors() {}

    /** {@code ERROR <SQLSTATE>: <message>}, then the indented DETAIL, HINT and WHERE lines. */
    public static String describe(SQLException e) {
        String details = detailLines(e);
        return headline(sqlState(e), message(e))
                + (details.isEmpty() ? "" : "\n" + details.substring(0, details.length() - 1));
    }

    /** {@code ERROR <SQLSTATE>: <message>}: the first line of {@link #describe}. */
    public static String headline(String sqlState, String message) {
        return "ERROR " + sqlState + ": " + message;
    }

    /** The SQLSTATE, or {@value #UNKNOWN_STATE} when there is none. */
    public static String sqlState(SQLException e) {
        return e.getSQLState() == null ? UNKNOWN_STATE : e.getSQLState();
    }

    /** The server's primary message; without one, the first line of the driver's. */
    public static String message(SQLException e) {
        return server(e).map(ServerErrorMessage::getMessage).orElseGet(() -> firstLine(e.getMessage()));
    }

    /**
     * The DETAIL, HINT and WHERE the server sent, one line each (a value's own line breaks
     * indented with it), each as {@code "  DETAIL: ...\n"}; empty when there are none.
     */
    public static String detailLines(SQLException e) {
        StringBuilder out = new StringBuilder();
        server(e).ifPresent(server -> {
            appendIfPresent(out, "DETAIL: ", server.getDetail());
            appendIfPresent(out, "HINT: ", server.getHint());
            appendIfPresent(out, "WHERE: ", server.getWhere());
        });
        return out.toString();
    }

    /** Where in the statement the server found the error: a 1-based character position, or 0 when it said none. */
    public static int position(SQLException e) {
        return server(e).map(ServerErrorMessage::getPosition).orElse(0);
    }

    /** The server's context line (WHERE), e.g. {@code COPY recommendations, line 3}. */
    public static Optional<String> where(SQLException e) {
        return server(e).map(ServerErrorMessage::getWhere);
    }

    private static Optional<ServerErrorMessage> server(SQLException e) {
        return e instanceof PSQLException pe ? Optional.ofNullable(pe.getServerErrorMessage()) : Optional.empty();
    }

    private static void appendIfPresent(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append("  ").append(label).append(value.replace("\n", "\n  ")).append('\n');
        }
    }

    /** The first line of a driver message: pgjdbc appends the server's fields on lines of their own. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl >= 0 ? message.substring(0, nl) : message;
    }
}
