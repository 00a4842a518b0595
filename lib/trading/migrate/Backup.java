package trading.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import trading.db.Database;
import trading.db.DatabaseUrl;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.failure.ToolkitException;
import trading.sqlfile.Checksum;
import trading.sqlfile.MigrationHeader;
import trading.sqlfile.SqlSplitter;
import trading.sqlfile.SqlStatement;
import trading.sqlfile.TransactionMode;
import trading.sqlfile.Utf8File;

/**
 * A backup that needs no external tools, so it works against the embedded default too
 * (its PostgreSQL 18 has no pg_dump, and pg_dump 15 cannot read it). A backup folder holds:
 * <ul>
 * <li>{@code manifest.json}: what is in it, with a SHA-256 of every file;
 * <li>{@code migrations/}: the exact SQL of every applied migration, which rebuilds the schema;
 * <li>{@code data/}: every table of the schema (history included) as gzipped COPY text,
 *     read in one snapshot so the tables agree with each other.
 * </ul>
 * It covers the migrations' schema ({@code current_schema()}, normally public); objects
 * made by hand outside migrations are not in it.
 */
public final class Backup {
    static final String FORMAT = "trading-db-backup/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a backup folder holds, as {@code manifest.json} records it. */
    public record Manifest(String format, String createdAt, String serverVersion, String database, String schema,
                           String schemaOwner, List<Grant> schemaGrants, List<SavedMigration> migrations,
                           List<TableData> tables, List<SequenceValue> sequences) { }

    /** A privilege on the schema; a null grantee is PUBLIC. */
    public record Grant(String grantee, String privilege) { }

    /** An applied migration's SQL, saved as {@code file}, in the order it was applied. */
    public record SavedMigration(String version, String checksum, String file) { }

    /** One table's rows: COPY text of {@code columns}, gzipped in {@code file}. Listed parents before children. */
    public record TableData(String name, List<String> columns, long rows, String file, String sha256) { }

    /** A sequence's position; {@code lastValue} is null when it was never used. */
    public record SequenceValue(String name, Long lastValue) { }

    /** A backup read back from its folder and checked against its manifest. */
    public record Contents(Path directory, Manifest manifest, List<SavedSql> migrationSql) {
        /** The saved migrations that run outside a transaction ({@code Transaction: none}). */
        public List<String> outsideTransaction() {
            return migrationSql.stream().filter(m -> !m.transactional()).map(SavedSql::version).toList();
        }
    }

    /** A saved migration's statements, read and checked once, so what runs is what was checked. */
    public record SavedSql(String version, Path file, List<SqlStatement> statements, boolean transactional) { }

    private final Connection connection;
    private final Database database;
    private final MigrationSettings settings;

    Backup(Connection connection, Database database, MigrationSettings settings) {
        this.connection = connection;
        this.database = database;
        this.settings = settings;
    }

    /** Writes a new backup folder under {@code parent} and returns it. Nothing in the database changes. */
    Path write(Path parent, StatusReport report) throws SQLException {
        Problems problems = new Problems();
        problems.addAll(MigrationPlan.problems(report, settings.withOutOfOrder(true)));
        problems.throwIfAny(FailureKind.VALIDATION, "Cannot back up while the history needs attention (the backup"
                + " saves the applied migrations' SQL)");
        BackupFolder folder = BackupFolder.claim(parent, database.url().database());
        Path partial = folder.partial();
        boolean written = false;
        try {
            BackupFolder.createDirectory(partial.resolve("migrations"));
            BackupFolder.createDirectory(partial.resolve("data"));
            Transactions.inTransaction(connection, () -> {
                try {
                    writeSnapshot(report, partial);
                } catch (IOException e) {
                    // Out of the transaction, which then ends, to be reported as a failed write below.
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            Files.move(partial, folder.target());
            written = true;
            return folder.target();
        } catch (IOException e) {
            throw BackupFolder.writeFailed(parent, e);
        } catch (UncheckedIOException e) {
            throw BackupFolder.writeFailed(parent, e.getCause());
        } finally {
            if (!written) {
                BackupFolder.delete(partial);
            }
        }
    }

    /**
     * Writes the migrations, the tables and the manifest into {@code partial}, all read in one
     * read-only snapshot so the tables agree with each other. After a failed COPY the driver's
     * cancel request can reach the server late and cancel the ROLLBACK instead; the
     * transaction helper keeps that from hiding the real error.
     */
    private void writeSnapshot(StatusReport report, Path partial) throws SQLException, IOException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        String schema = scalar("SELECT current_schema()");
        List<SavedMigration> migrations = saveMigrations(report, partial);
        List<TableData> tables = new ArrayList<>();
        for (String table : tablesParentsFirst(schema)) {
            tables.add(saveTable(schema, table, partial, tables.size() + 1));
        }
        // Only where the data came from: never the URL, whose user, password or parameters may be secret.
        DatabaseUrl url = database.url();
        Manifest manifest = new Manifest(FORMAT, OffsetDateTime.now(ZoneOffset.UTC).toString(),
                scalar("SHOW server_version"), url.firstHost() + ":" + url.firstPort() + "/" + url.database(),
                schema, scalar("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = current_schema()"),
                schemaGrants(), migrations, tables, sequences(schema));
        try (OutputStream out = BackupFolder.createFile(partial.resolve("manifest.json"))) {
            out.write(JSON.writeValueAsBytes(manifest));
        }
    }

    /**
     * Reads a backup folder and checks everything before anything is touched: the manifest's
     * shape, that every file is a plain file inside the folder, every checksum, that every
     * data file unpacks to the rows the manifest counts, and that every migration's SQL parses.
     */
    public static Contents read(Path directory) {
        Path manifestFile = directory.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw ToolkitException.usage(directory + " is not a trading-db backup: it has no manifest.json."
                    + " Give the folder that migrate --backup printed.");
        }
        Manifest manifest = ManifestReader.read(manifestFile);
        List<SavedSql> sql = new ArrayList<>();
        for (SavedMigration m : manifest.migrations()) {
            Path file = BackupFolder.inside(directory, m.file());
            String text = Utf8File.read(file);
            if (!Checksum.of(text).equals(m.checksum())) {
                throw damaged(file, "its checksum does not match the manifest");
            }
            boolean transactional = MigrationHeader.parse(text, file.toString()).transaction()
                    == TransactionMode.TRANSACTIONAL;
            sql.add(new SavedSql(m.version(), file, SqlSplitter.split(text, file.toString()), transactional));
        }
        for (TableData t : manifest.tables()) {
            Path file = BackupFolder.inside(directory, t.file());
            if (!t.sha256().equals(sha256(file))) {
                throw damaged(file, "its SHA-256 does not match the manifest");
            }
            long rows = BackupFolder.copyRows(file);
            if (rows != t.rows()) {
                throw damaged(file, (rows < 0 ? "it does not unpack" : "it holds " + rows + " rows")
                        + " but the manifest says " + t.rows());
            }
        }
        return new Contents(directory, manifest, sql);
    }

    private static ToolkitException damaged(Path file, String why) {
        return ToolkitException.usage(file + " is missing or damaged (" + why + "). The backup cannot be restored"
                + " safely; nothing was changed.");
    }

    private List<SavedMigration> saveMigrations(StatusReport report, Path dir) throws IOException {
        List<MigrationStatus> applied = report.migrations().stream()
                .filter(m -> m.applied() != null)
                .sorted(java.util.Comparator.comparingLong(m -> m.applied().id()))
                .toList();
        List<SavedMigration> saved = new ArrayList<>();
        for (MigrationStatus m : applied) {
            String file = "migrations/" + m.version() + ".sql";
            try (OutputStream out = BackupFolder.createFile(dir.resolve(file))) {
                out.write(m.file().sql().getBytes(StandardCharsets.UTF_8));
            }
            saved.add(new SavedMigration(m.version(), m.file().checksum(), file));
        }
        return saved;
    }

    private TableData saveTable(String schema, String table, Path dir, int index) throws SQLException, IOException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT attname FROM pg_attribute"
                + " WHERE attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND attnum > 0"
                + " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        String file = String.format("data/%03d-%s.copy.gz", index, table.replaceAll("[^A-Za-z0-9_.-]", "_"));
        MessageDigest sha = sha256Digest();
        long rows;
        // The file is closed on its own: GZIPOutputStream.close() skips that when writing its trailer fails.
        try (OutputStream written = BackupFolder.createFile(dir.resolve(file))) {
            BackupFolder.WriteWatch watch = new BackupFolder.WriteWatch(written);
            rows = copyOut(schema, table, columns, new DigestOutputStream(watch, sha), watch);
        }
        return new TableData(table, columns, rows, file, HexFormat.of().formatHex(sha.digest()));
    }

    private long copyOut(String schema, String table, List<String> columns, OutputStream target,
                         BackupFolder.WriteWatch watch) throws SQLException, IOException {
        try (OutputStream out = new GZIPOutputStream(target, 1 << 16)) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT "
                    + String.join(", ", columns.stream().map(Backup::quote).toList()) + " FROM " + quote(schema) + "."
                    + quote(table) + ") TO STDOUT", out);
        } catch (SQLException | IOException e) {
            // When the file cannot be written, the driver cancels the COPY and reports only the
            // cancellation; the write's own error (a full disk, say) is the one that explains it.
            watch.rethrowWriteFailure();
            throw e;
        }
    }

    /** Tables of the schema (no partitions: their parent's COPY has their rows), parents before children. */
    private List<String> tablesParentsFirst(String schema) throws SQLException {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT c.relname, coalesce(array_agg(DISTINCT"
                + " pc.relname) FILTER (WHERE pc.relname IS NOT NULL AND pc.oid <> c.oid), '{}')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_constraint f ON f.conrelid = c.oid AND f.contype = 'f'"
                + " LEFT JOIN pg_class pc ON pc.oid = f.confrelid AND pc.relnamespace = n.oid"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " GROUP BY c.relname ORDER BY c.relname")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    parents.put(r.getString(1), List.of((String[]) r.getArray(2).getArray()));
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < parents.size()) {
            int before = ordered.size();
            for (var entry : parents.entrySet()) {
                if (!ordered.contains(entry.getKey()) && ordered.containsAll(entry.getValue().stream()
                        .filter(parents::containsKey).toList())) {
                    ordered.add(entry.getKey());
                }
            }
            if (ordered.size() == before) {
                // A cycle of foreign keys: order no longer matters, the restore loads without FK checks then.
                parents.keySet().stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
            }
        }
        return ordered;
    }

    private List<Grant> schemaGrants() throws SQLException {
        List<Grant> grants = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,"
                     + " a.privilege_type FROM pg_namespace n, aclexplode(n.nspacl) a"
                     + " WHERE n.nspname = current_schema() AND a.grantee <> n.nspowner")) {
            while (r.next()) {
                grants.add(new Grant(r.getString(1), r.getString(2)));
            }
        }
        return grants;
    }

    private List<SequenceValue> sequences(String schema) throws SQLException {
        List<SequenceValue> sequences = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = ? ORDER BY sequencename")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    sequences.add(new SequenceValue(r.getString(1), (Long) r.getObject(2)));
                }
            }
        }
        return sequences;
    }

    private String scalar(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String sha256(Path file) {
        MessageDigest sha = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return "unreadable";
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
