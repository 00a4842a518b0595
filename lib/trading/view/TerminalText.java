package trading.view;

/**
 * Makes stored text safe to print on a terminal, the way psql's aligned output does: a
 * control character in a description or a rationale must show as what it is, never act
 * (ESC starts escape sequences that can rewrite the screen or the window title, CR
 * overwrites the line, BEL rings). CR shows as {@code \r}; other C0 characters and DEL as
 * {@code \x1B}; C1 characters (U+0080 to U+009F) as {@code \u009B}. A table cell is one
 * line, so LF shows as {@code \n} there and a tab becomes spaces up to the next multiple
 * of 8 columns of the cell, as in psql. The rules are in docs/schema-and-output.md.
 */
final class TerminalText {
    private static final int TAB_STOP = 8;

    private TerminalText() {}

    /** One table cell: every control character escaped, LF included, tabs expanded. */
    static String cell(String text) {
        return escape(text, false);
    }

    /** Text of several lines (SQL in a dry run): LF and tab stay, the other control characters are escaped. */
    static String lines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text.codePoints().noneMatch(TerminalText::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int column = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int before = out.length();
            if (keepLines && (cp == '\n' || cp == '\t')) {
                out.append((char) cp);
                column = cp == '\n' ? 0 : column + TAB_STOP - column % TAB_STOP;
                continue;
            } else if (cp == '\t') {
                out.append(" ".repeat(TAB_STOP - column % TAB_STOP));
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp < 0x20 || cp == 0x7F) {
                out.append(String.format("\\x%02X", cp));
            } else if (cp >= 0x80 && cp <= 0x9F) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
                column += DisplayWidth.of(cp);
                continue;
            }
            column += out.length() - before; // what was appended is ASCII: one column a char
        }
        return out.toString();
    }

    static boolean isControl(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    }
}
