package trading.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * Brings a database back to a {@link Backup}: drops the migrations' schema, rebuilds it by
 * replaying the saved SQL of every applied migration, then loads every table's rows, the
 * history and the sequence positions. Options whose expiry has since passed come back too:
 * the load sets {@code trading.restoring}, which the expiry trigger honours.
 *
 * <p>When every saved migration is transactional (the usual case) the whole restore is one
 * transaction: it happens completely or not at all. A {@code Transaction: none} migration
 * has to run outside it, so such a restore commits in steps; running it again is safe.
 */
final class Restore {
    private final Connection connection;
    private final MigrationSettings settings;

    Restore(Connection connection, MigrationSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    void run(Backup.Contents contents) throws SQLException {
        Backup.Manifest manifest = contents.manifest();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            String schema = scalar(s, "SELECT current_schema()");
            if (!schema.equals(manifest.schema())) {
                throw ToolkitException.usage("The backup is of schema " + manifest.schema() + " but this connection's"
                        + " current schema is " + schema + ". Restore with a search_path that starts with "
                        + manifest.schema() + ".");
            }
            s.execute("SET LOCAL lock_timeout = '" + settings.ddlLockTimeout() + "'");
            recreateSchema(s, manifest);
            for (Backup.SavedMigration saved : manifest.migrations()) {
                replay(s, contents, saved);
            }
            History.locate(connection).prepare(connection, new MigrationDirectory(settings.migrationsDirectory(), List.of()));
            loadRows(s, contents);
            restoreSequences(s, manifest);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void recreateSchema(Statement s, Backup.Manifest manifest) throws SQLException {
        String schema = Backup.quote(manifest.schema());
        s.execute("DROP SCHEMA " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + Backup.quote(manifest.schemaOwner()));
        for (Backup.Grant grant : manifest.schemaGrants()) {
            s.execute("GRANT " + grant.privilege() + " ON SCHEMA " + schema + " TO "
                    + (grant.grantee() == null ? "PUBLIC" : Backup.quote(grant.grantee())));
        }
    }

    private void replay(Statement s, Backup.Contents contents, Backup.SavedMigration saved) throws SQLException {
        java.nio.file.Path file = contents.directory().resolve(saved.file());
        String sql = Utf8File.read(file);
        boolean transactional = MigrationHeader.parse(sql, file.toString()).transaction() == TransactionMode.TRANSACTIONAL;
        if (!transactional) {
            connection.commit();
            connection.setAutoCommit(true);
        }
        for (SqlStatement statement : SqlSplitter.split(sql, file.toString())) {
            try {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw MigrationFailure.of(file, statement, e, "  Restoring stopped while rebuilding the schema from"
                        + " the backup's migrations." + (transactional ? " Nothing was changed." : " Run the restore again."));
            }
        }
        if (!transactional) {
            connection.setAutoCommit(false);
        }
    }

    private void loadRows(Statement s, Backup.Contents contents) throws SQLException {
        s.execute("SET LOCAL trading.restoring = 'on'");
        if (scalar(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").equals("true")) {
            // Skips foreign-key checks and user triggers, as pg_restore does; the rows were consistent when saved.
            s.execute("SET LOCAL session_replication_role = replica");
        }
        List<String> tables = new ArrayList<>();
        for (Backup.TableData t : contents.manifest().tables()) {
            requireColumns(t);
            tables.add(Backup.quote(contents.manifest().schema()) + "." + Backup.quote(t.name()));
        }
        if (!tables.isEmpty()) {
            // Rows that the replayed migrations inserted (the sample data) make way for the saved ones.
            s.execute("TRUNCATE " + String.join(", ", tables));
        }
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (int i = 0; i < tables.size(); i++) {
            Backup.TableData t = contents.manifest().tables().get(i);
            String columns = String.join(", ", t.columns().stream().map(Backup::quote).toList());
            try (InputStream in = new GZIPInputStream(Files.newInputStream(contents.directory().resolve(t.file())), 1 << 16)) {
                long rows = copy.copyIn("COPY " + tables.get(i) + " (" + columns + ") FROM STDIN", in);
                if (rows != t.rows()) {
                    throw ToolkitException.usage(t.file() + ": loaded " + rows + " rows, the manifest says " + t.rows()
                            + ". Nothing was changed.");
                }
            } catch (IOException e) {
                throw ToolkitException.usage("cannot read " + t.file() + ": " + e.getMessage() + ". Nothing was changed.");
            }
        }
    }

    /** The schema the migrations rebuild must have every saved table and column, or the data has nowhere to go. */
    private void requireColumns(Backup.TableData table) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT count(*) FROM pg_attribute"
                + " WHERE attrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?))"
                + " AND attname = ANY (?) AND NOT attisdropped")) {
            p.setString(1, table.name());
            p.setArray(2, connection.createArrayOf("text", table.columns().toArray()));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                if (r.getInt(1) != table.columns().size()) {
                    throw ToolkitException.usage("The backup has table " + table.name() + " with columns "
                            + table.columns() + ", but replaying its migrations does not build that: the table was"
                            + " made or changed by hand, outside migrations. Restore it with pg_dump/pg_restore"
                            + " instead. Nothing was changed.");
                }
            }
        }
    }

    private void restoreSequences(Statement s, Backup.Manifest manifest) throws SQLException {
        for (Backup.SequenceValue seq : manifest.sequences()) {
            String name = Backup.quote(manifest.schema()) + "." + Backup.quote(seq.name());
            if (seq.lastValue() == null) {
                s.execute("ALTER SEQUENCE " + name + " RESTART");
            } else {
                try (PreparedStatement p = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                    p.setString(1, name);
                    p.setLong(2, seq.lastValue());
                    p.execute();
                }
            }
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
