package trading.sqlfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trading.failure.ToolkitException;

/**
 * One up migration on disk, {@code {number}_{descriptive_name}.sql}, read and checked:
 * valid UTF-8 and a header that agrees with the file name. Its version is the file stem,
 * e.g. {@code 003_add_user_tracking}.
 *
 * <p>The statements are split only when asked for, and then once: status and an idle
 * migrate read thousands of applied files and never run them.
 */
public final class MigrationFile {
    /** Up files and down files ({@code 003_x.down.sql}); group 3 is set for a down file. */
    static final Pattern FILE_NAME = Pattern.compile("^(\\d{1,18})_([A-Za-z0-9][A-Za-z0-9_-]*)(\\.down)?\\.sql$");

    private final long number;
    private final String version;
    private final Path path;
    private final MigrationHeader header;
    private final String sql;
    private final String checksum;
    private List<SqlStatement> statements;

    private MigrationFile(long number, String version, Path path, MigrationHeader header, String sql) {
        this.number = number;
        this.version = version;
        this.path = path;
        this.header = header;
        this.sql = sql;
        this.checksum = Checksum.of(sql);
    }

    /** Reads an up migration whose name already matched {@link #FILE_NAME}. */
    public static MigrationFile load(Path path) {
        String fileName = path.getFileName().toString();
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches() || m.group(3) != null) {
            throw new IllegalArgumentException("not an up migration file name: " + fileName);
        }
        String version = fileName.substring(0, fileName.length() - ".sql".length());
        String sql = Utf8File.read(path);
        MigrationHeader header = MigrationHeader.parse(sql, path.toString());
        if (header.migration() != null && !header.migration().equals(version)) {
            throw ToolkitException.usage(path + ": its header says 'Migration: " + header.migration()
                    + "', which names another file. Make the header say 'Migration: " + version
                    + "', or rename the file if the header is right.");
        }
        return new MigrationFile(Long.parseLong(m.group(1)), version, path, header, sql);
    }

    public long number() {
        return number;
    }

    public String version() {
        return version;
    }

    public Path path() {
        return path;
    }

    public MigrationHeader header() {
        return header;
    }

    /** The text as it is checksummed and run: no BOM, LF line endings. */
    public String sql() {
        return sql;
    }

    public String checksum() {
        return checksum;
    }

    /**
     * The statements, split as psql would; a usage error if a quote never closes, or a
     * statement is one the toolkit refuses to run ({@link StatementGuard}). A file with no
     * SQL (empty, or only comments) has none: it is a no-op that is still recorded, as
     * psql, golang-migrate and diesel treat it.
     */
    public synchronized List<SqlStatement> statements() {
        if (statements == null) {
            List<SqlStatement> split = SqlSplitter.split(sql, path.toString());
            StatementGuard.refuse(split, path.toString(), transaction() == TransactionMode.NONE
                    ? StatementGuard.Context.NO_TRANSACTION : StatementGuard.Context.TRANSACTIONAL);
            statements = split;
        }
        return statements;
    }

    /** True when the file has no SQL statement: applying it only records it. */
    public boolean isNoOp() {
        return statements().isEmpty();
    }

    /** What the history records as {@code name}: the Description, else the name part of the file. */
    public String name() {
        return Optional.ofNullable(header.description()).filter(d -> !d.isBlank())
                .orElse(version.substring(version.indexOf('_') + 1).replace('_', ' '));
    }

    public TransactionMode transaction() {
        return header.transaction();
    }

    public List<String> depends() {
        return header.depends();
    }

    @Override
    public String toString() {
        return version;
    }
}
