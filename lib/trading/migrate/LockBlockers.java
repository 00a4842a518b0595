package trading.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions that hold locks on a schema's tables, from pg_locks and pg_stat_activity,
 * so a restore that gave up waiting (SQLSTATE 55P03, lock_timeout) can say whom it waited
 * for. Their query text is left out on purpose: it may contain secrets.
 */
final class LockBlockers {
    private LockBlockers() {}

    /** A session holding locks, described for a person, e.g. {@code pid 42 (application 'psql', ...) holds public.t}. */
    record Holder(int pid, String description) { }

    static List<Holder> of(Connection connection, String schema) throws SQLException {
        List<Holder> holders = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT a.pid, a.application_name, a.state,"
                + " coalesce(a.xact_start, a.backend_start), string_agg(DISTINCT format('%I.%I', n.nspname, c.relname), ', ')"
                + " FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.granted AND l.pid <> pg_backend_pid() AND n.nspname = ?"
                // pg_locks covers every database of the server; relation oids only mean something in this one.
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
                + " GROUP BY a.pid, a.application_name, a.state, a.xact_start, a.backend_start ORDER BY 4, 1")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    holders.add(new Holder(r.getInt(1), "pid " + r.getInt(1) + " (application '"
                            + nullToEmpty(r.getString(2)) + "', "
                            + (r.getString(3) == null ? "state not visible to this user" : r.getString(3))
                            + ", transaction open since " + r.getObject(4, java.time.OffsetDateTime.class)
                            + ") holds " + r.getString(5)));
                }
            }
        }
        return holders;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
