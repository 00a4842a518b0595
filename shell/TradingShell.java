///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/migrate/package-info.java
//SOURCES ../lib/trading/seed/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java
//SOURCES ShellSession.java
//SOURCES ClosedInput.java

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import trading.cli.Cli;
import trading.cli.GlobalOptions;
import trading.cli.Version;
import trading.db.Database;
import trading.shell.ClosedInput;
import trading.shell.ShellSession;

/**
 * The shell@trading alias: JShell with the toolkit's library on the classpath and a connection
 * to the database that every command would use.
 *
 * <p>{@code jbang --interactive} cannot do this: JShell there sees a script's //DEPS but
 * not its //SOURCES, and an alias cannot ask for interactive mode. So this script starts
 * JShell itself, in this JVM ({@code --execution local}), where the library's classes and the
 * open connection in {@link ShellSession} are the very ones JShell uses.
 */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Opens JShell with the trading-db core on the classpath and these ready:",
            "  conn   a java.sql.Connection to the database (autocommit on)",
            "  db     the trading.db.Database it came from",
            "  sql(\"SELECT ... WHERE symbol = ?\", \"AAPL\")  runs a statement, prints the rows",
            "The database is chosen as for every command: --url, DATABASE_URL, the PG*",
            "variables, else the embedded one. Leave with /exit."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang shell@trading",
            "  ./jbang shell@trading --url postgresql://trading_user@localhost/trading_db",
            "  echo 'sql(\"SELECT count(*) FROM recommendations\")' | ./jbang shell@trading"
        })
public class TradingShell implements Callable<Integer> {
    private static final String STARTUP = """
            import java.sql.*;
            import trading.db.*;
            import trading.migrate.*;
            import trading.query.*;
            import trading.seed.*;
            import static trading.shell.ShellSession.*;
            Connection conn = connection();
            Database db = database();
            """;

    @Mixin GlobalOptions global;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new TradingShell(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path startup = Files.createTempFile("trading-shell", ".jsh");
        try (Database database = global.open("trading-db shell", spec.commandLine().getErr());
             Connection conn = database.connect()) {
            Files.writeString(startup, STARTUP);
            ShellSession.bind(database, conn);
            out.println("trading-db shell on " + database.describe() + ": conn, db and sql(\"...\", params...) are ready."
                    + " /exit leaves.");
            out.flush();
            JavaShellToolBuilder shell = JavaShellToolBuilder.builder();
            if (ClosedInput.isClosed()) {
                // Nothing to read: end at once, as with < /dev/null, instead of reading a JDK file as input.
                shell.in(InputStream.nullInputStream(), InputStream.nullInputStream());
            }
            return shell.start("--class-path", System.getProperty("java.class.path"),
                    "--execution", "local", "--startup", "DEFAULT", "--startup", startup.toString());
        } finally {
            Files.deleteIfExists(startup);
        }
    }
}
