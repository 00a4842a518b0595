package trading.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trading.failure.ToolkitException;

/**
 * Reads a {@code .env} file the way docker compose and most dotenv libraries do:
 * {@code KEY=value}, an optional {@code export }, {@code #} comments, and single or
 * double quotes. A quoted value ends at its matching closing quote; after it only
 * spaces and a {@code # comment} may follow. A line that is none of these is an error
 * naming the file and line, because a silently ignored or mangled DATABASE_URL would
 * connect somewhere unexpected. Which keys a command then uses is {@link Environment}'s business.
 */
public final class DotEnv {
    private static final Pattern LINE =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern UNQUOTED_COMMENT = Pattern.compile("\\s#");

    private DotEnv() {}

    /** Every key of {@code file}, in file order; no file means no keys. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ToolkitException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Map<String, String> parse(String fileName, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            // Some Windows editors start a UTF-8 file with a byte order mark.
            String line = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw ToolkitException.usage(fileName + ":" + (i + 1)
                        + ": not a KEY=value line. Fix or remove it (comments start with #).");
            }
            values.put(m.group(1), value(m.group(2), fileName + ":" + (i + 1)));
        }
        return values;
    }

    private static String value(String raw, String where) {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            return quoted(raw, where);
        }
        Matcher comment = UNQUOTED_COMMENT.matcher(raw);
        return comment.find() ? raw.substring(0, comment.start()).strip() : raw;
    }

    /**
     * Single quotes keep everything literally; double quotes understand {@code \"},
     * {@code \\} and {@code \n}. Values span one line only.
     */
    private static String quoted(String raw, String where) {
        char quote = raw.charAt(0);
        StringBuilder value = new StringBuilder();
        int i = 1;
        for (; i < raw.length() && raw.charAt(i) != quote; i++) {
            char c = raw.charAt(i);
            if (quote == '"' && c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                if (next == 'n') {
                    value.append('\n');
                } else if (next == '"' || next == '\\') {
                    value.append(next);
                } else {
                    value.append('\\').append(next);
                }
            } else {
                value.append(c);
            }
        }
        if (i >= raw.length()) {
            throw ToolkitException.usage(where + ": the value's closing " + quote
                    + " is missing (a quoted value must end on the same line). Add it, or remove the opening " + quote + ".");
        }
        String rest = raw.substring(i + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw ToolkitException.usage(where + ": unexpected text after the closing " + quote + ": only a # comment"
                    + " may follow a quoted value. Put the whole value inside the quotes.");
        }
        return value.toString();
    }
}
