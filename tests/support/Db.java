import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small SQL helpers for assertions: one value, one column, or a snapshot of the schema. */
final class Db {
    private Db() {}

    static String scalar(String url, String sql) {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String url, String sql) {
        return Long.parseLong(scalar(url, sql));
    }

    static List<String> column(String url, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return values;
    }

    static void execute(String url, String sql) {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Advisory locks held in {@code url}'s database; pg_locks shows the whole server, which other runs may share. */
    static long advisoryLocks(String url) {
        return count(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    /** Versions in schema_migrations, in the order applied; empty if the table does not exist. */
    static List<String> history(String url) {
        if (scalar(url, "SELECT to_regclass('schema_migrations') IS NOT NULL").equals("f")) {
            return List.of();
        }
        return column(url, "SELECT version || CASE WHEN success THEN '' ELSE ' (failed)' END"
                + " FROM schema_migrations ORDER BY migration_id");
    }

    /**
     * The schema as the catalog describes it: tables, columns with types and defaults,
     * indexes, constraints, triggers and functions of the public schema. Two equal
     * snapshots mean the same schema.
     */
    static String catalog(String url) {
        String sql = "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
                + " SELECT 'table ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + "   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                + "   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS line"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')"
                + " UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                + "   FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                + " UNION ALL SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"
                + " UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p"
                + "   WHERE p.pronamespace = 'public'::regnamespace"
                + ") lines";
        String result = scalar(url, sql);
        return result == null ? "" : result;
    }

    /** Row count and an order-independent checksum of every row of {@code table}. */
    static String contentChecksum(String url, String table) {
        return scalar(url, "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-')"
                + " FROM " + table + " t");
    }
}
