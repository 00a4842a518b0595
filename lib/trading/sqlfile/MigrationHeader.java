package trading.sqlfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trading.failure.ToolkitException;

/**
 * The optional comment lines at the top of a migration:
 * <pre>
 * -- Migration: 003_add_user_tracking
 * -- Description: Add user tracking and audit tables
 * -- Created: 2026-01-14
 * -- Depends: 001_create_recommendations_tables
 * -- Transaction: none
 * </pre>
 * Fields that are absent are null; other comment lines are ignored.
 */
public record MigrationHeader(String migration, String description, String created, List<String> depends,
                              TransactionMode transaction) {
    private static final Pattern FIELD = Pattern.compile("^--\\s*([A-Za-z]+)\\s*:\\s*(.*?)\\s*$");

    public MigrationHeader {
        depends = List.copyOf(depends);
    }

    /** Parses the header of normalized text; {@code fileName} is for error messages. */
    public static MigrationHeader parse(String text, String fileName) {
        String migration = null;
        String description = null;
        String created = null;
        List<String> depends = new ArrayList<>();
        TransactionMode transaction = TransactionMode.TRANSACTIONAL;
        boolean transactionSeen = false;
        // Only the top of the file is read: the header ends at the first line that is not a comment.
        int lineStart = 0;
        for (int i = 0; lineStart < text.length(); i++) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd).strip();
            lineStart = lineEnd + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2);
            String where = fileName + ":" + (i + 1) + ": ";
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "migration" -> migration = once(migration, value, where, "Migration");
                case "description" -> description = once(description, value, where, "Description");
                case "created" -> created = once(created, value, where, "Created");
                case "depends" -> {
                    for (String dependency : value.split("[,\\s]+")) {
                        if (!dependency.isEmpty()) {
                            depends.add(dependency);
                        }
                    }
                }
                case "transaction" -> {
                    if (transactionSeen) {
                        throw ToolkitException.usage(where + "a second 'Transaction:' line. Keep one.");
                    }
                    transactionSeen = true;
                    if (!value.equalsIgnoreCase("none")) {
                        throw ToolkitException.usage(where + "'Transaction: " + value + "' is not understood."
                                + " The only value is 'none'; leave the line out for a normal, transactional migration.");
                    }
                    transaction = TransactionMode.NONE;
                }
                default -> { }
            }
        }
        return new MigrationHeader(migration, description, created, depends, transaction);
    }

    private static String once(String previous, String value, String where, String field) {
        if (previous != null) {
            throw ToolkitException.usage(where + "a second '" + field + ":' line. Keep one.");
        }
        return value;
    }
}
