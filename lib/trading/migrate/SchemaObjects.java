package trading.migrate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-made objects of the whole database, by name, so a restore can tell what
 * {@code DROP SCHEMA ... CASCADE} takes and replaying the backup's migrations does not bring
 * back: by comparing the objects before the drop with those after the rebuild, inside a
 * transaction that is rolled back when anything would be lost. Comparing by name is what
 * makes this exact: the cascade reaches objects of other schemas through pg_depend (views,
 * foreign keys, columns of the schema's types, triggers calling its functions), and the
 * comparison sees each one that disappears.
 */
final class SchemaObjects {
    /** One object: how a person calls it, what it belongs to (a table for a column), and a table's oid for counting. */
    record SchemaObject(String description, String parent, Long tableOid) { }

    private static final String USER_SCHEMAS = "SELECT oid, nspname FROM pg_namespace WHERE nspname NOT IN"
            + " ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final String KIND = "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'"
            + " WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' END";

    private static final String SNAPSHOT = "WITH ns AS (" + USER_SCHEMAS + ")"
            + " SELECT " + KIND + " || ' ' || format('%I.%I', ns.nspname, c.relname), NULL,"
            + "   CASE WHEN c.relkind IN ('r', 'p') THEN c.oid::bigint END"
            + " FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
            + " UNION ALL SELECT 'column ' || format('%I.%I.%I', ns.nspname, c.relname, a.attname),"
            + "   " + KIND + " || ' ' || format('%I.%I', ns.nspname, c.relname), NULL"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped"
            + " UNION ALL SELECT 'constraint ' || format('%I', co.conname) || ' on ' || format('%I.%I', ns.nspname, c.relname),"
            + "   " + KIND + " || ' ' || format('%I.%I', ns.nspname, c.relname), NULL"
            + " FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN ns ON ns.oid = c.relnamespace"
            + " UNION ALL SELECT 'trigger ' || format('%I', t.tgname) || ' on ' || format('%I.%I', ns.nspname, c.relname),"
            + "   " + KIND + " || ' ' || format('%I.%I', ns.nspname, c.relname), NULL"
            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns ON ns.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal"
            + " UNION ALL SELECT 'function ' || format('%I.%I', ns.nspname, p.proname)"
            + "   || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, NULL"
            + " FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace"
            + " UNION ALL SELECT 'type ' || format('%I.%I', ns.nspname, t.typname), NULL, NULL"
            + " FROM pg_type t JOIN ns ON ns.oid = t.typnamespace"
            + " WHERE t.typcategory <> 'A' AND (t.typrelid = 0"
            + "   OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')"
            + " UNION ALL SELECT 'extension ' || format('%I', e.extname), NULL, NULL"
            + " FROM pg_extension e JOIN ns ON ns.oid = e.extnamespace";

    private SchemaObjects() {}

    static Map<String, SchemaObject> snapshot(Connection connection) throws SQLException {
        Map<String, SchemaObject> objects = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(SNAPSHOT)) {
            while (r.next()) {
                objects.put(r.getString(1), new SchemaObject(r.getString(1), r.getString(2), (Long) r.getObject(3)));
            }
        }
        return objects;
    }

    /** What {@code before} has and {@code after} lacks, leaving out parts of objects that are gone as a whole. */
    static List<SchemaObject> lost(Map<String, SchemaObject> before, Map<String, SchemaObject> after) {
        List<SchemaObject> lost = new ArrayList<>();
        for (SchemaObject o : before.values()) {
            if (!after.containsKey(o.description()) && (o.parent() == null || after.containsKey(o.parent()))) {
                lost.add(o);
            }
        }
        return lost;
    }

    /** The objects as lines for a person, tables with their exact row counts (read while the tables still exist). */
    static List<String> describe(Connection connection, List<SchemaObject> objects) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            for (SchemaObject o : objects) {
                String line = o.description();
                if (o.tableOid() != null) {
                    String table;
                    try (ResultSet r = s.executeQuery("SELECT " + o.tableOid() + "::oid::regclass::text")) {
                        r.next();
                        table = r.getString(1);
                    }
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                        r.next();
                        long rows = r.getLong(1);
                        line += " (" + rows + " row" + (rows == 1 ? "" : "s") + ")";
                    }
                }
                lines.add(line);
            }
        }
        return lines;
    }
}
