package trading.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;
import trading.db.Database;
import trading.db.DatabaseTarget;
import trading.db.Environment;
import trading.db.ToolkitHome;

/**
 * Options every script has: {@code --url} and {@code --verbose}. Opening the database
 * here gives every command the same precedence rules and the same one-line notice when
 * the embedded default is used. Subcommands inherit them, so {@code query --url X symbol AAPL}
 * and {@code query symbol AAPL --url X} mean the same.
 */
public final class GlobalOptions {
    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Database URL: postgresql://user:pass@host:5432/db, postgres://... or jdbc:postgresql://..."
                    + " Overrides DATABASE_URL and the PG* variables. Without any of them, the embedded database is used.")
    String url;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of unexpected errors.")
    boolean verbose;

    /**
     * Read on first use, not when picocli builds the command: a broken .env must not stop
     * --help or --version, and its error should be the usual one-line message.
     */
    private Environment environment;
    private ToolkitHome home;

    public Environment environment() {
        if (environment == null) {
            environment = Environment.current();
        }
        return environment;
    }

    public ToolkitHome home() {
        if (home == null) {
            home = ToolkitHome.locate(environment());
        }
        return home;
    }

    /** Resolves and opens the database, saying on stderr when it is the embedded one. */
    public Database open(String applicationName, PrintWriter err) {
        Secrets.remember(null);
        DatabaseTarget target = DatabaseTarget.resolve(url, environment(), home());
        environment().warnings().forEach(err::println);
        target.warnings().forEach(err::println);
        if (target instanceof DatabaseTarget.Server server) {
            Secrets.remember(server.url());
        } else if (target instanceof DatabaseTarget.Embedded embedded) {
            boolean first = !embedded.dataDirectory().resolve("PG_VERSION").toFile().exists();
            err.println("trading-db: " + (first ? "creating" : "using") + " the embedded PostgreSQL in "
                    + embedded.dataDirectory() + " (no --url, DATABASE_URL or PG* variables set)");
        }
        err.flush();
        Database database = Database.open(target, applicationName);
        Secrets.remember(database.url());
        return database;
    }

    /** Whether {@code --verbose} was given to this command or, before a subcommand's name, to its parent. */
    static boolean verbose(CommandLine commandLine) {
        for (CommandLine c = commandLine; c != null; c = c.getParent()) {
            for (var mixin : c.getMixins().values()) {
                if (mixin instanceof GlobalOptions options && options.verbose) {
                    return true;
                }
            }
            if (c.getParseResult() != null && c.getParseResult().hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
