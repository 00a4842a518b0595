package trading.sqlfile;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import trading.failure.ToolkitException;

/**
 * The down script of a migration, {@code {version}.down.sql} beside the up file: the SQL
 * that reverts it. Like an up file it may say {@code -- Transaction: none} (to
 * {@code DROP INDEX CONCURRENTLY}), and it may hold no SQL at all: nothing to revert.
 */
public record DownScript(String version, Path path, TransactionMode transaction, List<SqlStatement> statements) {

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
        TransactionMode transaction = MigrationHeader.parse(sql, path.toString()).transaction();
        List<SqlStatement> statements = SqlSplitter.split(sql, path.toString());
        StatementGuard.refuse(statements, path.toString(), transaction == TransactionMode.NONE
                ? StatementGuard.Context.NO_TRANSACTION : StatementGuard.Context.DOWN_SCRIPT);
        return new DownScript(version, path, transaction, statements);
    }
}
