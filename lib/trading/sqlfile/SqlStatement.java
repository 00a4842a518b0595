package trading.sqlfile;

/** One statement of a migration file, exactly as written, with the line it starts on. */
public record SqlStatement(String sql, int line) {

    /**
     * The file line of a server error position (1-based, in characters, as PostgreSQL
     * reports it), or the statement's first line when the server gave none.
     */
    public int lineOf(int serverPosition) {
        if (serverPosition <= 0) {
            return line;
        }
        int end;
        try {
            end = sql.offsetByCodePoints(0, Math.min(serverPosition - 1, sql.codePointCount(0, sql.length())));
        } catch (IndexOutOfBoundsException e) {
            return line;
        }
        int result = line;
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                result++;
            }
        }
        return result;
    }
}
