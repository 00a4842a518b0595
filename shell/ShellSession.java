package trading.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import trading.db.Database;
import trading.view.TextTable;

/**
 * What the trading-db shell gives a JShell session: the open {@link Database}, one
 * connection to it, and {@code sql(...)} to run a statement and see its rows as a table.
 * JShell imports these statically, so {@code conn}, {@code db} and {@code sql} are at hand.
 */
public final class ShellSession {
    /** More rows than this are counted, not printed: a shell is for looking, not for dumps. */
    static final int MAX_PRINTED_ROWS = 100;

    private static Database database;
    private static Connection connection;

    private ShellSession() {}

    /** Called once by the shell script before JShell starts. */
    public static void bind(Database openDatabase, Connection openConnection) {
        database = openDatabase;
        connection = openConnection;
    }

    public static Connection connection() {
        return connection;
    }

    public static Database database() {
        return database;
    }

    /**
     * Runs one statement with {@code ?} parameters bound in order, and prints its rows as a
     * table, or how many rows it changed. With autocommit on (the default) a change is
     * committed at once; {@code conn.setAutoCommit(false)} lets you look before {@code conn.commit()}.
     */
    public static void sql(String statement, Object... parameters) throws SQLException {
        PrintWriter out = new PrintWriter(System.out, true);
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            if (!ps.execute()) {
                out.println(ps.getUpdateCount() + " row(s) changed.");
                return;
            }
            try (ResultSet rs = ps.getResultSet()) {
                printRows(rs, out);
            }
        }
    }

    private static void printRows(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        String[] header = new String[meta.getColumnCount()];
        for (int i = 0; i < header.length; i++) {
            header[i] = meta.getColumnLabel(i + 1);
        }
        TextTable table = new TextTable(header);
        int rows = 0;
        while (rs.next()) {
            if (rows < MAX_PRINTED_ROWS) {
                Object[] cells = new Object[header.length];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = rs.getObject(i + 1);
                }
                table.row(cells);
            }
            rows++;
        }
        table.print(out);
        out.println(rows + " row(s)" + (rows > MAX_PRINTED_ROWS ? ", the first " + MAX_PRINTED_ROWS + " shown" : "") + ".");
    }
}
