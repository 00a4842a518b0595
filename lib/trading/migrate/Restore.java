package trading.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;
import trading.db.SqlErrors;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.failure.ToolkitException;
import trading.sqlfile.MigrationDirectory;
import trading.sqlfile.SqlStatement;

/**
 * Brings a database back to a {@link Backup}: drops the migrations' schema, rebuilds it by
 * replaying the saved SQL of every applied migration, then loads every table's rows, the
 * history and the sequence positions. Options whose expiry has since passed come back too:
 * the load sets {@code trading.restoring}, which the expiry trigger honours.
 *
 * <p>Before anything is committed it compares the database's objects before the drop with
 * those after the rebuild, and refuses when the drop would take anything the backup does
 * not bring back, unless {@link RestoreOptions#dropExtra()}.
 *
 * <p>When every saved migration is transactional (the usual case) the whole restore is one
 * transaction: it happens completely or not at all. A {@code Transaction: none} migration
 * has to run outside it, so such a restore commits in steps: it says so before it starts,
 * and a failure says exactly which steps stay done. See docs/backup-and-restore.md.
 */
final class Restore {
    private static final Pattern COPY_LINE = Pattern.compile("line (\\d+)");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bconcurrently\\b");

    private final Connection connection;
    private final History history;
    private final MigrationSettings settings;
    private final RestoreOptions options;
    /** The history is empty after the schema is rebuilt: there is no file whose checksum it could record. */
    private final MigrationDirectory noFiles;

    /** The last migration replayed in the open transaction, or committed when it ran outside one. */
    private String lastReplayed;
    /** What is committed so far; a restore in one transaction commits nothing before it is done. */
    private boolean schemaDropped;
    private String committedThrough;
    private String partlyRun;

    Restore(Connection connection, History history, MigrationSettings settings, RestoreOptions options) {
        this.connection = connection;
        this.history = history;
        this.noFiles = new MigrationDirectory(settings.migrationsDirectory(), List.of());
        this.settings = settings;
        this.options = options;
    }

    void run(Backup.Contents contents) throws SQLException {
        Backup.Manifest manifest = contents.manifest();
        List<String> outside = contents.outsideTransaction();
        boolean stepwise = !outside.isEmpty();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            String schema = scalar(s, "SELECT current_schema()");
            if (!manifest.schema().equals(schema)) {
                throw ToolkitException.usage("The backup is of schema " + manifest.schema() + " but this connection's"
                        + " current schema is " + schema + ". Restore with a search_path that starts with "
                        + manifest.schema() + ".");
            }
            requireRoles(manifest);
            beginStep(s);
            List<String> extra = checkWhatIsLost(s, contents, stepwise);
            if (!extra.isEmpty()) {
                options.notices().accept(Problems.bulleted("Dropping what the backup does not contain, as"
                        + " --drop-extra allows", extra));
            }
            if (stepwise) {
                // The check imitated the Transaction: none migrations in its transaction; now the real thing, in steps.
                connection.rollback();
                options.notices().accept(stepwiseWarning(manifest.schema(), outside));
                beginStep(s);
                rebuild(s, contents, false);
                history.prepare(connection, noFiles);
            }
            loadRows(s, contents);
            restoreSequences(s, manifest);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw failure(e, manifest.schema(), stepwise);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void beginStep(Statement s) throws SQLException {
        s.execute(Transactions.setLocalLockTimeout(settings.ddlLockTimeout()));
    }

    /**
     * Drops and rebuilds the schema inside the open transaction and compares what the database
     * had before with what it has after. Returns the objects the restore will drop beyond the
     * backup (only with --drop-extra); refuses otherwise. The rebuild stays in place for a
     * restore in one transaction; a stepwise restore rolls it back and starts again.
     */
    private List<String> checkWhatIsLost(Statement s, Backup.Contents contents, boolean stepwise) throws SQLException {
        var before = SchemaObjects.snapshot(connection);
        s.execute("SAVEPOINT restore_check");
        rebuild(s, contents, true);
        history.prepare(connection, noFiles);
        for (Backup.TableData t : contents.manifest().tables()) {
            requireColumns(t);
        }
        List<SchemaObjects.SchemaObject> lost = SchemaObjects.lost(before, SchemaObjects.snapshot(connection));
        if (lost.isEmpty()) {
            return List.of();
        }
        s.execute("ROLLBACK TO SAVEPOINT restore_check");
        List<String> lines = SchemaObjects.describe(connection, lost);
        if (!options.dropExtra()) {
            throw ToolkitException.usage(Problems.bulleted("Restoring would drop " + lines.size() + " object"
                    + (lines.size() == 1 ? "" : "s") + " that the backup does not contain (DROP SCHEMA "
                    + contents.manifest().schema() + " CASCADE takes them, and replaying the backup's migrations does"
                    + " not bring them back)", lines) + "\nSave what you need from them (pg_dump can), then run the"
                    + " restore again with --drop-extra to drop them.");
        }
        if (!stepwise) {
            rebuild(s, contents, true);
            history.prepare(connection, noFiles);
        }
        return lines;
    }

    /** Drops the schema and replays the saved migrations; a {@code trial} imitates those that must commit. */
    private void rebuild(Statement s, Backup.Contents contents, boolean trial) throws SQLException {
        Backup.Manifest manifest = contents.manifest();
        String schema = Backup.quote(manifest.schema());
        s.execute("DROP SCHEMA " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + Backup.quote(manifest.schemaOwner()));
        for (Backup.Grant grant : manifest.schemaGrants()) {
            // The privilege is one of ManifestReader.SCHEMA_PRIVILEGES, checked when the manifest was read.
            s.execute("GRANT " + grant.privilege() + " ON SCHEMA " + schema + " TO "
                    + (grant.grantee() == null ? "PUBLIC" : Backup.quote(grant.grantee())));
        }
        lastReplayed = null;
        for (Backup.SavedSql saved : contents.migrationSql()) {
            if (saved.transactional()) {
                replay(s, saved);
            } else if (trial) {
                imitateInTransaction(s, saved);
            } else {
                replayOutsideTransaction(s, saved);
            }
        }
    }

    private void replay(Statement s, Backup.SavedSql saved) throws SQLException {
        for (SqlStatement statement : saved.statements()) {
            try {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw MigrationFailure.of(saved.file(), statement, e,
                        "  Restoring stopped while rebuilding the schema from the backup's migrations.");
            }
        }
        lastReplayed = saved.version();
    }

    /**
     * For the check before a stepwise restore: the objects a {@code Transaction: none}
     * migration makes, made inside the transaction, so later migrations find them and the
     * comparison sees them. Such files are mostly CONCURRENTLY statements, which do the same
     * without the keyword; a statement that still cannot run in a transaction is skipped.
     */
    private void imitateInTransaction(Statement s, Backup.SavedSql saved) throws SQLException {
        for (SqlStatement statement : saved.statements()) {
            s.execute("SAVEPOINT restore_statement");
            try {
                s.execute(CONCURRENTLY.matcher(statement.sql()).replaceAll(""));
            } catch (SQLException e) {
                s.execute("ROLLBACK TO SAVEPOINT restore_statement");
            }
            s.execute("RELEASE SAVEPOINT restore_statement");
        }
        lastReplayed = saved.version();
    }

    private void replayOutsideTransaction(Statement s, Backup.SavedSql saved) throws SQLException {
        connection.commit();
        schemaDropped = true;
        committedThrough = lastReplayed;
        connection.setAutoCommit(true);
        int ran = 0;
        for (SqlStatement statement : saved.statements()) {
            try {
                s.execute(statement.sql());
                ran++;
            } catch (SQLException e) {
                partlyRun = ran == 0 ? null : saved.version() + " (" + ran + " of " + saved.statements().size()
                        + " statements)";
                throw MigrationFailure.of(saved.file(), statement, e,
                        "  Restoring stopped while rebuilding the schema from the backup's migrations.");
            }
        }
        lastReplayed = saved.version();
        committedThrough = lastReplayed;
        connection.setAutoCommit(false);
        beginStep(s);
    }

    private void loadRows(Statement s, Backup.Contents contents) throws SQLException {
        s.execute("SET LOCAL trading.restoring = 'on'");
        if (scalar(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").equals("true")) {
            // Skips foreign-key checks and user triggers, as pg_restore does; the rows were consistent when saved.
            s.execute("SET LOCAL session_replication_role = replica");
        }
        List<String> tables = new ArrayList<>();
        for (Backup.TableData t : contents.manifest().tables()) {
            tables.add(Backup.quote(contents.manifest().schema()) + "." + Backup.quote(t.name()));
        }
        if (!tables.isEmpty()) {
            // Rows that the replayed migrations inserted (the sample data) make way for the saved ones.
            s.execute("TRUNCATE " + String.join(", ", tables));
        }
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (int i = 0; i < tables.size(); i++) {
            Backup.TableData t = contents.manifest().tables().get(i);
            Path file = contents.directory().resolve(t.file());
            String columns = String.join(", ", t.columns().stream().map(Backup::quote).toList());
            MessageDigest sha = Backup.sha256Digest();
            long rows;
            try (InputStream in = new GZIPInputStream(new DigestInputStream(Files.newInputStream(file), sha), 1 << 16)) {
                rows = copy.copyIn("COPY " + tables.get(i) + " (" + columns + ") FROM STDIN", in);
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw ToolkitException.usage("cannot read " + file + ": " + e.getMessage() + ".");
            } catch (SQLException e) {
                throw new ToolkitException(FailureKind.MIGRATION_FAILED, file + copyLine(e) + ": PostgreSQL refused"
                        + " its rows: " + SqlErrors.describe(e), e);
            }
            if (rows != t.rows() || !HexFormat.of().formatHex(sha.digest()).equals(t.sha256())) {
                throw ToolkitException.usage(file + " changed while the restore was running (its SHA-256 no longer"
                        + " matches the manifest).");
            }
        }
    }

    /** ":LINE" of the unpacked COPY text, from the server's context line, or nothing. */
    private static String copyLine(SQLException e) {
        Optional<String> where = SqlErrors.where(e);
        if (where.isPresent()) {
            Matcher m = COPY_LINE.matcher(where.get());
            if (m.find()) {
                return ":" + m.group(1) + " (line of the unpacked COPY text)";
            }
        }
        return "";
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
                            + " instead.");
                }
            }
        }
    }

    /** The schema's owner and every grantee must exist here, or the rebuild would fail part-way. */
    private void requireRoles(Backup.Manifest manifest) throws SQLException {
        List<String> roles = new ArrayList<>(List.of(manifest.schemaOwner()));
        manifest.schemaGrants().stream().map(Backup.Grant::grantee).filter(g -> g != null).forEach(roles::add);
        try (PreparedStatement p = connection.prepareStatement("SELECT string_agg(r, ', ') FROM unnest(?::text[]) r"
                + " WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)")) {
            p.setArray(1, connection.createArrayOf("text", roles.toArray()));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                if (r.getString(1) != null) {
                    throw ToolkitException.usage("The backup's schema belongs to, or is granted to, roles that do"
                            + " not exist on this server: " + r.getString(1) + ". Create them first (CREATE ROLE).");
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

    private static String stepwiseWarning(String schema, List<String> outside) {
        return "This backup has migrations that run outside a transaction (Transaction: none): "
                + String.join(", ", outside) + ". So this restore cannot be one transaction: it drops schema " + schema
                + " and commits that before " + outside.get(0) + " runs. If a later step fails, the current rows and"
                + " history are gone and the schema is only partly rebuilt; the error then says how far it got, and"
                + " running the same restore again starts over. Everything that can be checked beforehand was.";
    }

    /** The error, with what the database holds now: nothing changed, or exactly which steps stay done. */
    private ToolkitException failure(Exception e, String schema, boolean stepwise) {
        FailureKind kind = e instanceof ToolkitException te ? te.kind() : FailureKind.MIGRATION_FAILED;
        String message = e instanceof ToolkitException ? e.getMessage()
                : "Restoring failed: " + (e instanceof SQLException sql ? SqlErrors.describe(sql) : e.getMessage());
        if (e instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
            message = lockTimeout(schema);
        } else if (e instanceof MigrationFailure mf && "55P03".equals(mf.sqlState())) {
            message = mf.getMessage() + "\n" + lockTimeout(schema);
        }
        String state;
        if (!schemaDropped) {
            state = "Nothing was changed: " + (stepwise ? "the restore stopped before its first commit."
                    : "the restore ran in one transaction, which was rolled back.");
        } else {
            state = "This restore could not be one transaction, and what it committed stays: schema " + schema
                    + " was dropped, with its tables, rows and history, and "
                    + (committedThrough == null ? "recreated empty" : "rebuilt by the backup's migrations up to "
                    + committedThrough) + (partlyRun == null ? "" : ", then " + partlyRun + " ran")
                    + ". The backup's rows and the schema_migrations history were not loaded; only rows that the"
                    + " replayed migrations insert themselves are there.\nTo recover: fix the cause above and run the"
                    + " same --restore again (it starts over by dropping the schema), or restore another backup."
                    + " Do not run migrate on this database before that: it has no history.";
        }
        return new ToolkitException(kind, message + "\n" + state, e);
    }

    /** Who holds the locks the restore waited for, and what to do about it. */
    private String lockTimeout(String schema) {
        List<LockBlockers.Holder> holders;
        try {
            holders = LockBlockers.of(connection, schema);
        } catch (SQLException ignored) {
            holders = List.of();
        }
        return "Restoring gave up waiting for a lock on the tables of schema " + schema + " after lock_timeout ("
                + settings.ddlLockTimeout() + ", --ddl-lock-timeout): another session is using them"
                + (holders.isEmpty() ? " (it has finished since, or this user cannot see it)."
                : ":\n  " + String.join("\n  ", holders.stream().map(LockBlockers.Holder::description).toList()) + ".")
                + "\nWait for it to finish, or end it (SELECT pg_terminate_backend("
                + (holders.isEmpty() ? "PID" : String.valueOf(holders.get(0).pid())) + ");), then run the restore again.";
    }

    private void rollbackQuietly() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The server rolls back an open transaction when the connection ends anyway.
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
