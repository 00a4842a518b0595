package trading.db;

import java.nio.file.Path;
import trading.failure.ToolkitException;

/**
 * The embedded server's folders must reach PostgreSQL unchanged, but pg_ctl starts the
 * server through {@code /bin/sh -c} with the data folder inside double quotes, where
 * {@code $(...)}, backquotes and backslashes still work. So a path for the embedded server
 * may hold only characters no shell interprets there: letters, digits, spaces and
 * {@code / . _ - + , : @ = %}. Anything else is refused before any process starts.
 */
final class ShellSafePath {
    private static final String ALLOWED_SYMBOLS = " /._-+,:@=%";

    private ShellSafePath() {}

    /** {@code path} itself; {@code origin} says in the error where it came from, e.g. "TRADING_HOME (set in the environment)". */
    static Path require(Path path, String origin) {
        String text = path.toString();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && ALLOWED_SYMBOLS.indexOf(c) < 0) {
                throw ToolkitException.usage("the embedded database's folder " + printable(text) + ", from " + origin
                        + ", contains " + describe(c) + ". The embedded PostgreSQL is started through a shell, so its"
                        + " folder may hold only letters, digits, spaces and / . _ - + , : @ = %. Set TRADING_HOME to"
                        + " such a folder, or use a server with --url or DATABASE_URL.");
            }
            i += Character.charCount(c);
        }
        return path;
    }

    private static String describe(int c) {
        return Character.isISOControl(c) ? String.format("a control character (U+%04X)", c)
                : "'" + new String(Character.toChars(c)) + "'";
    }

    /** The path as it may be shown: control characters such as a newline are made visible. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }
}
