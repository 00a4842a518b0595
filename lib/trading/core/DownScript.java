package trading.core;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The down script of a migration, {@code {version}.down.sql} beside the up file: the SQL
 * that reverts it. It always runs in a transaction, so {@code Transaction: none} is refused
 * (use {@code DROP INDEX} rather than {@code DROP INDEX CONCURRENTLY} in a down script).
 */
public record DownScript(String version, Path path, List<SqlStatement> statements) {

    public DownScript {
        statements = List.copyOf(statements);
    }

    /** The down script of {@code version} in {@code directory}; a usage error names what is wrong with it. */
    public static DownScript load(Path directory, String version) {
        Path path = directory.resolve(version + ".down.sql");
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw ToolkitException.usage(version + " has no down script: " + path + " does not exist."
                    + " Write it (the SQL that reverts " + version + ".sql), then roll back again.");
        }
        String sql = Utf8File.read(path);
        if (MigrationHeader.parse(sql, path.toString()).transaction() == TransactionMode.NONE) {
            throw ToolkitException.usage(path + ": down scripts always run in one transaction; remove"
                    + " 'Transaction: none' (use DROP INDEX instead of DROP INDEX CONCURRENTLY).");
        }
        List<SqlStatement> statements = SqlSplitter.split(sql, path.toString());
        if (statements.isEmpty()) {
            throw ToolkitException.usage(path + ": has no SQL statements. Write the SQL that reverts " + version + ".");
        }
        StatementGuard.refuse(statements, path.toString(), StatementGuard.Context.DOWN_SCRIPT);
        return new DownScript(version, path, statements);
    }
}
