package trading.sqlfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trading.failure.FailureKind;
import trading.failure.Problems;

/**
 * Statements a migration file or down script may not contain, found before anything runs
 * (docs/migration-files.md lists them):
 * <ul>
 * <li>transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, PREPARE TRANSACTION, ...): the
 * toolkit runs each file in one transaction with its history row, so a COMMIT in the middle
 * would commit half a migration without its row, and in a rehearsal commit for real;</li>
 * <li>settings the PostgreSQL JDBC driver needs as they are (client_encoding UTF8, a DateStyle
 * starting with ISO): when either changes the driver closes the connection mid-migration;
 * and standard_conforming_strings off, which makes the server read backslashes in later
 * files differently from how the toolkit split them.</li>
 * </ul>
 * Only a statement's first words count, as {@link SqlSplitter} splits the file, so
 * {@code BEGIN} in a function body, {@code END} of a CASE or a table named {@code commit_log}
 * are fine.
 */
final class StatementGuard {
    /** What kind of file the statements come from; it changes only the advice. */
    enum Context { TRANSACTIONAL, NO_TRANSACTION, DOWN_SCRIPT }

    private static final Set<String> TRANSACTION_WORDS = Set.of("begin", "start", "commit", "end", "rollback",
            "abort", "savepoint", "release");

    private static final Pattern SET_CONFIG = Pattern.compile(
            "(?i)\\bset_config\\s*\\(\\s*'\\s*(client_encoding|datestyle|standard_conforming_strings)\\s*'");

    private StatementGuard() {}

    /** Throws a usage error (exit 2) naming every refused statement with its file and line. */
    static void refuse(List<SqlStatement> statements, String fileName, Context context) {
        Problems problems = new Problems();
        for (SqlStatement statement : statements) {
            String problem = problem(statement, context);
            if (problem != null) {
                problems.add(fileName + ":" + statement.line() + ": " + problem);
            }
            Matcher m = SET_CONFIG.matcher(statement.sql());
            while (m.find()) {
                int position = statement.sql().codePointCount(0, m.start()) + 1;
                problems.add(fileName + ":" + statement.lineOf(position) + ": set_config('"
                        + m.group(1) + "', ...) changes a setting the toolkit's database driver depends on."
                        + " Remove it; the driver needs client_encoding UTF8, a DateStyle starting with ISO and"
                        + " standard_conforming_strings on.");
            }
        }
        problems.throwIfAny(FailureKind.BAD_INPUT);
    }

    /** Why {@code statement} is refused, or null when it is fine. */
    private static String problem(SqlStatement statement, Context context) {
        List<Token> tokens = Token.leading(statement.sql(), 8);
        if (tokens.isEmpty() || !tokens.get(0).isWord()) {
            return null;
        }
        String first = tokens.get(0).text();
        String second = tokens.size() > 1 && tokens.get(1).isWord() ? tokens.get(1).text() : "";
        boolean preparedTransaction = first.equals("prepare") && second.equals("transaction")
                && tokens.size() > 2 && tokens.get(2).kind() == Token.Kind.STRING;
        if (TRANSACTION_WORDS.contains(first) && !(first.equals("start") && !second.equals("transaction"))
                || preparedTransaction) {
            return "'" + shown(statement) + "' is transaction control, which the toolkit does itself. " + advice(context);
        }
        if (first.equals("set")) {
            return setProblem(tokens);
        }
        return null;
    }

    private static String advice(Context context) {
        return switch (context) {
            case TRANSACTIONAL -> "It runs every migration file in one transaction together with its history row,"
                    + " and rolls the whole file back if anything fails. Remove this statement. Statements that"
                    + " PostgreSQL refuses inside a transaction (such as CREATE INDEX CONCURRENTLY) go in a file of"
                    + " their own with the header line '-- Transaction: none'.";
            case NO_TRANSACTION -> "In a '-- Transaction: none' file every statement already commits on its own."
                    + " Remove this statement; statements that must commit or fail together belong in a normal,"
                    + " transactional migration.";
            case DOWN_SCRIPT -> "A rollback runs all its down scripts in one transaction with the deletion of"
                    + " their history rows, so that a failing step reverts nothing. Remove this statement.";
        };
    }

    /** SET [SESSION | LOCAL] name {TO | =} value, and SET NAMES value. */
    private static String setProblem(List<Token> tokens) {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).isWord()
                && (tokens.get(i).text().equals("session") || tokens.get(i).text().equals("local"))) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).isWord()) {
            return null;
        }
        String name = tokens.get(i).text();
        i++;
        if (name.equals("names")) {
            name = "client_encoding";
        } else if (i < tokens.size() && (tokens.get(i).text().equals("to") || tokens.get(i).text().equals("="))) {
            i++;
        }
        List<String> values = new ArrayList<>();
        for (Token t : tokens.subList(Math.min(i, tokens.size()), tokens.size())) {
            if (t.kind() != Token.Kind.OTHER) {
                for (String part : t.text().split("[\\s,]+")) {
                    if (!part.isEmpty()) {
                        values.add(part.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        String value = values.isEmpty() ? "" : values.get(0);
        switch (name) {
            case "client_encoding" -> {
                String encoding = value.replace("-", "").replace("_", "");
                if (!(encoding.equals("utf8") || encoding.equals("unicode") || encoding.equals("default"))) {
                    return "SET client_encoding (or SET NAMES) to anything but UTF8 makes the PostgreSQL JDBC driver,"
                            + " which the toolkit uses, close the connection in the middle of the migration. Remove it:"
                            + " the file is read as UTF-8 and sent as UTF-8 whatever the database's encoding is.";
                }
            }
            case "datestyle" -> {
                for (String part : values) {
                    if (part.equals("sql") || part.equals("postgres") || part.equals("german")) {
                        return "SET DateStyle to an output style other than ISO makes the PostgreSQL JDBC driver, which"
                                + " the toolkit uses, close the connection in the middle of the migration. Remove it,"
                                + " or set only the field order (SET DateStyle = 'ISO, DMY').";
                    }
                }
            }
            case "standard_conforming_strings" -> {
                if (!Set.of("on", "true", "yes", "1", "default", "t", "tr", "tru", "y", "ye").contains(value)) {
                    return "SET standard_conforming_strings = off makes PostgreSQL read backslashes in strings"
                            + " differently from how the toolkit splits the files that follow, so a later statement"
                            + " could be cut in the wrong place. Remove it, and write E'...' strings where you need"
                            + " backslash escapes.";
                }
            }
            case "integer_datetimes" -> {
                return "integer_datetimes is a read-only setting that the database driver depends on. Remove this line.";
            }
            default -> { }
        }
        return null;
    }

    /** The statement's first line, shortened, to quote in a message. */
    private static String shown(SqlStatement statement) {
        String line = statement.sql().strip().lines().findFirst().orElse("").strip();
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }

    /** A lexical token at the start of a statement: a word (lower case), a string's contents, or one other character. */
    record Token(Kind kind, String text) {
        enum Kind { WORD, STRING, OTHER }

        boolean isWord() {
            return kind == Kind.WORD;
        }

        /** Up to {@code max} tokens from the start of {@code sql}, skipping whitespace and comments. */
        static List<Token> leading(String sql, int max) {
            List<Token> tokens = new ArrayList<>();
            int pos = 0;
            int n = sql.length();
            while (pos < n && tokens.size() < max) {
                char c = sql.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (sql.startsWith("--", pos)) {
                    int end = sql.indexOf('\n', pos);
                    pos = end < 0 ? n : end + 1;
                } else if (sql.startsWith("/*", pos)) {
                    pos = blockCommentEnd(sql, pos);
                } else if (c == '\'' || ((c == 'e' || c == 'E') && pos + 1 < n && sql.charAt(pos + 1) == '\'')) {
                    int start = c == '\'' ? pos : pos + 1;
                    int end = quotedEnd(sql, start, '\'');
                    tokens.add(new Token(Kind.STRING, sql.substring(start + 1, Math.max(start + 1, end - 1))));
                    pos = end;
                } else if (c == '"') {
                    int end = quotedEnd(sql, pos, '"');
                    tokens.add(new Token(Kind.WORD, sql.substring(pos + 1, Math.max(pos + 1, end - 1))
                            .toLowerCase(Locale.ROOT)));
                    pos = end;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c >= 0x80) {
                    int start = pos;
                    while (pos < n && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                            || sql.charAt(pos) == '$' || sql.charAt(pos) == '.' || sql.charAt(pos) >= 0x80)) {
                        pos++;
                    }
                    tokens.add(new Token(Kind.WORD, sql.substring(start, pos).toLowerCase(Locale.ROOT)));
                } else {
                    tokens.add(new Token(Kind.OTHER, String.valueOf(c)));
                    pos++;
                }
            }
            return tokens;
        }

        private static int blockCommentEnd(String sql, int pos) {
            int depth = 0;
            while (pos < sql.length()) {
                if (sql.startsWith("/*", pos)) {
                    depth++;
                    pos += 2;
                } else if (sql.startsWith("*/", pos)) {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        return pos;
                    }
                } else {
                    pos++;
                }
            }
            return pos;
        }

        /** The index after the closing quote of the quoted text opening at {@code start} (doubled quotes stay inside). */
        private static int quotedEnd(String sql, int start, char quote) {
            int pos = start + 1;
            while (pos < sql.length()) {
                if (sql.charAt(pos) == quote) {
                    if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                        pos += 2;
                        continue;
                    }
                    return pos + 1;
                }
                if (sql.charAt(pos) == '\\' && quote == '\'' && start > 0
                        && (sql.charAt(start - 1) == 'e' || sql.charAt(start - 1) == 'E')) {
                    pos += 2;
                    continue;
                }
                pos++;
            }
            return sql.length();
        }
    }
}
