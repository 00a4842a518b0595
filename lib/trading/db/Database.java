package trading.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/**
 * An open way to one database: the resolved target, with the embedded server running
 * when that is the target. Closing it stops the embedded server; connections are the
 * caller's to close.
 */
public final class Database implements AutoCloseable {
    private final DatabaseUrl url;
    private final EmbeddedDatabase embedded;
    private final String applicationName;

    private Database(DatabaseUrl url, EmbeddedDatabase embedded, String applicationName) {
        this.url = url;
        this.embedded = embedded;
        this.applicationName = applicationName;
    }

    /** Opens the target; {@code applicationName} shows in pg_stat_activity unless the URL sets one. */
    public static Database open(DatabaseTarget target, String applicationName) {
        if (target instanceof DatabaseTarget.Embedded e) {
            EmbeddedDatabase started = EmbeddedDatabase.start(e.dataDirectory());
            return new Database(started.url(), started, applicationName);
        }
        return new Database(((DatabaseTarget.Server) target).url(), null, applicationName);
    }

    /** A database given by URL, as an application calling the library would. */
    public static Database open(String databaseUrl, String applicationName) {
        return new Database(DatabaseUrl.parse(databaseUrl), null, applicationName);
    }

    public Connection connect() {
        Properties properties = url.connectionProperties();
        properties.putIfAbsent("ApplicationName", applicationName);
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        } catch (SQLException e) {
            String reason = url.scrub(SqlErrors.firstLine(e.getMessage())).strip();
            throw new ToolkitException(FailureKind.CONNECTION, "Cannot connect to " + describe() + ": " + reason
                    + (reason.endsWith(".") ? "" : ".") + hint(e), e);
        }
    }

    public DatabaseUrl url() {
        return url;
    }


    /** What to call this database in messages; never contains a password. */
    public String describe() {
        return embedded != null ? "the embedded PostgreSQL in " + embedded.dataDirectory() : url.masked();
    }

    /** Text with this database's password removed, for anything that echoes server or driver messages. */
    public String scrub(String text) {
        return url.scrub(text);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /**
     * What to check. pgjdbc reports some authentication failures without class 28 (no
     * password given for SCRAM or md5 comes back as 08004), so the message decides too:
     * only a connection that was refused or never reached the server is a server problem.
     */
    private static String hint(SQLException e) {
        String sqlState = e.getSQLState() == null ? "" : e.getSQLState();
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (sqlState.startsWith("28") || message.contains("password") || message.contains("authentication")) {
            return " Check the user name and password (URL, PGPASSWORD or ~/.pgpass).";
        }
        if (sqlState.equals("3D000")) {
            return " Create the database first, or fix the name in the URL.";
        }
        if (sqlState.startsWith("08")) {
            return " Is the server running and reachable at that host and port?";
        }
        return "";
    }
}
