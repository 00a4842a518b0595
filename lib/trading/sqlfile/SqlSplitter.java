package trading.sqlfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import trading.failure.ToolkitException;

/**
 * Splits a SQL file into statements the way psql does, so that what psql runs, this runs.
 *
 * <p>A semicolon ends a statement only outside quotes ({@code '...'}, {@code E'...'},
 * {@code "..."}, {@code $tag$...$tag$}), comments ({@code --} and nested {@code /* *}{@code /}),
 * parentheses, and the {@code BEGIN ATOMIC ... END} body of a {@code CREATE FUNCTION} or
 * {@code CREATE PROCEDURE}. These are the cases Flyway and golang-migrate have split wrongly.
 */
public final class SqlSplitter {
    private final String sql;
    private final String fileName;
    private final int[] lineStarts;
    private final List<SqlStatement> statements = new ArrayList<>();

    private int pos;
    private int statementStart = -1;
    private int lastTokenEnd;
    private int parenDepth;
    private int beginDepth;
    private final List<String> leadingWords = new ArrayList<>();

    private SqlSplitter(String sql, String fileName) {
        this.sql = sql;
        this.fileName = fileName;
        this.lineStarts = computeLineStarts(sql);
    }

    /** The statements of {@code sql}; {@code fileName} is only used in error messages. */
    public static List<SqlStatement> split(String sql, String fileName) {
        SqlSplitter splitter = new SqlSplitter(sql, fileName);
        splitter.run();
        return List.copyOf(splitter.statements);
    }

    private void run() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                if (statementStart < 0) {
                    if (c == ';') {
                        pos++;
                        continue;
                    }
                    startStatement(c);
                }
                token(c);
                lastTokenEnd = pos;
            }
        }
        if (statementStart >= 0) {
            // The last statement may lack its semicolon; trailing comments are not part of it.
            statements.add(new SqlStatement(sql.substring(statementStart, lastTokenEnd), lineAt(statementStart)));
        }
    }

    private void startStatement(char c) {
        if (c == '\\') {
            throw error(pos, "'" + sql.substring(pos, Math.min(n(), pos + 12)).split("\\s")[0]
                    + "' is a psql meta-command, not SQL. Migrations run without psql: write plain SQL instead.");
        }
        statementStart = pos;
        parenDepth = 0;
        beginDepth = 0;
        leadingWords.clear();
    }

    private void token(char c) {
        if (c == '\'') {
            skipQuoted(pos, '\'', false);
        } else if (c == '"') {
            skipQuoted(pos, '"', false);
        } else if (c == '$' && !isIdentifierPart(peek(-1)) && dollarTagEnd(pos) > 0) {
            skipDollarQuoted();
        } else if (isIdentifierStart(c)) {
            word();
        } else if (Character.isDigit(c)) {
            while (pos < n() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.' || sql.charAt(pos) == '_')) {
                pos++;
            }
        } else if (c == '(') {
            parenDepth++;
            pos++;
        } else if (c == ')') {
            parenDepth = Math.max(0, parenDepth - 1);
            pos++;
        } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
            statements.add(new SqlStatement(sql.substring(statementStart, pos + 1), lineAt(statementStart)));
            statementStart = -1;
            pos++;
        } else {
            pos++;
        }
    }

    private void word() {
        int start = pos;
        while (pos < n() && isIdentifierPart(sql.charAt(pos))) {
            pos++;
        }
        String word = sql.substring(start, pos).toLowerCase(Locale.ROOT);
        if (word.equals("e") && peek(0) == '\'') {
            skipQuoted(pos, '\'', true);
            return;
        }
        // psql's rule: only at the top level of CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN opens a
        // body that END closes; inside one, CASE ... END nests too. Unlike psql, BEGIN counts only
        // when ATOMIC follows: a routine named begin (CREATE FUNCTION public.begin()) must not make
        // the next statements, a COMMIT among them, part of this one, out of StatementGuard's sight.
        if (parenDepth == 0 && isCreateRoutine()) {
            if ((word.equals("begin") && nextWordIs("atomic")) || (word.equals("case") && beginDepth > 0)) {
                beginDepth++;
            } else if (word.equals("end") && beginDepth > 0) {
                beginDepth--;
            }
        }
        if (leadingWords.size() < 4) {
            leadingWords.add(word);
        }
    }

    /** Whether the next word after {@code pos}, past whitespace and comments, is {@code expected}. */
    private boolean nextWordIs(String expected) {
        int i = pos;
        while (i < n()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n() : end;
            } else if (c == '/' && i + 1 < n() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n() : end + 2;
            } else {
                break;
            }
        }
        int end = i;
        while (end < n() && isIdentifierPart(sql.charAt(end))) {
            end++;
        }
        return sql.substring(i, end).equalsIgnoreCase(expected);
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: the statements whose bodies may be BEGIN ATOMIC ... END. */
    private boolean isCreateRoutine() {
        List<String> w = leadingWords;
        if (w.size() < 2 || !w.get(0).equals("create")) {
            return false;
        }
        if (isRoutine(w.get(1))) {
            return true;
        }
        return w.size() >= 4 && w.get(1).equals("or") && w.get(2).equals("replace") && isRoutine(w.get(3));
    }

    private static boolean isRoutine(String word) {
        return word.equals("function") || word.equals("procedure");
    }

    private void skipLineComment() {
        while (pos < n() && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < n()) {
            if (sql.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw error(start, "this /* comment is never closed. Add the missing */.");
    }

    private void skipQuoted(int start, char quote, boolean backslashEscapes) {
        pos++;
        while (pos < n()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote && peek(1) == quote) {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return;
            } else {
                pos++;
            }
        }
        String what = quote == '"' ? "quoted identifier" : "string";
        throw error(start, "this " + what + " is never closed. Add the missing " + quote + ".");
    }

    private void skipDollarQuoted() {
        int start = pos;
        String tag = sql.substring(pos, dollarTagEnd(pos) + 1);
        int close = sql.indexOf(tag, pos + tag.length());
        if (close < 0) {
            throw error(start, "the dollar-quoted body opened with " + tag + " is never closed. Add the closing " + tag + ".");
        }
        pos = close + tag.length();
    }

    /** Index of the closing '$' of a tag such as {@code $$} or {@code $body$} at {@code at}, else -1. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (i < n() && sql.charAt(i) == '$') {
            return i;
        }
        if (i >= n() || !isIdentifierStart(sql.charAt(i))) {
            return -1;
        }
        while (i < n() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < n() && sql.charAt(i) == '$' ? i : -1;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i >= 0 && i < n() ? sql.charAt(i) : '\0';
    }

    private int n() {
        return sql.length();
    }

    private int lineAt(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private ToolkitException error(int offset, String message) {
        return ToolkitException.usage(fileName + ":" + lineAt(offset) + ": " + message);
    }

    private static int[] computeLineStarts(String sql) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
