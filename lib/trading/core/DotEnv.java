package trading.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file the way docker compose and most dotenv libraries do:
 * {@code KEY=value}, an optional {@code export }, {@code #} comments, and single or
 * double quotes. A line that is none of these is an error naming the file and line,
 * because a silently ignored DATABASE_URL would connect somewhere unexpected.
 */
public final class DotEnv {
    private static final Pattern LINE =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$");

    private DotEnv() {}

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
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw ToolkitException.usage(fileName + ":" + (i + 1)
                        + ": not a KEY=value line. Fix or remove it (comments start with #).");
            }
            values.put(m.group(1), unquote(m.group(2), fileName, i + 1));
        }
        return values;
    }

    private static String unquote(String raw, String fileName, int line) {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            char quote = raw.charAt(0);
            int end = raw.lastIndexOf(quote);
            if (end == 0) {
                throw ToolkitException.usage(fileName + ":" + line + ": the value's closing " + quote + " is missing.");
            }
            String inner = raw.substring(1, end);
            return quote == '"' ? inner.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\") : inner;
        }
        int comment = raw.indexOf(" #");
        return comment >= 0 ? raw.substring(0, comment).strip() : raw;
    }
}
