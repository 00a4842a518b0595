package trading.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One up migration on disk, {@code {number}_{descriptive_name}.sql}, read and checked:
 * valid UTF-8, a header that agrees with the file name, at least one statement.
 * Its version is the file stem, e.g. {@code 003_add_user_tracking}.
 */
public record MigrationFile(long number, String version, Path path, MigrationHeader header, String sql,
                            String checksum, List<SqlStatement> statements) {

    /** Up files and down files ({@code 003_x.down.sql}); group 3 is set for a down file. */
    static final Pattern FILE_NAME = Pattern.compile("^(\\d{1,18})_([A-Za-z0-9][A-Za-z0-9_-]*)(\\.down)?\\.sql$");

    public MigrationFile {
        statements = List.copyOf(statements);
    }

    /** Reads an up migration whose name already matched {@link #FILE_NAME}. */
    public static MigrationFile load(Path path) {
        String fileName = path.getFileName().toString();
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches() || m.group(3) != null) {
            throw new IllegalArgumentException("not an up migration file name: " + fileName);
        }
        long number = Long.parseLong(m.group(1));
        String version = fileName.substring(0, fileName.length() - ".sql".length());
        String sql = Utf8File.read(path);
        MigrationHeader header = MigrationHeader.parse(sql, path.toString());
        if (header.migration() != null && !header.migration().equals(version)) {
            throw ToolkitException.usage(path + ": its header says 'Migration: " + header.migration()
                    + "', which names another file. Make the header say 'Migration: " + version
                    + "', or rename the file if the header is right.");
        }
        List<SqlStatement> statements = SqlSplitter.split(sql, path.toString());
        if (statements.isEmpty()) {
            throw ToolkitException.usage(path + ": has no SQL statements. Write the migration's SQL,"
                    + " or delete the file if it is not needed.");
        }
        return new MigrationFile(number, version, path, header, sql, Checksum.of(sql), statements);
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

    /** Where this migration's down script would be: {@code {version}.down.sql} beside it. */
    public Path downScript() {
        return path.resolveSibling(version + ".down.sql");
    }
}
