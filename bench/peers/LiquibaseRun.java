///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.liquibase:liquibase-core:4.33.0
//SOURCES ../../lib/postgresql-driver.java

import java.nio.file.Path;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * Liquibase 4.33 (never 5.x: not open source) as the benchmark runs it: its own JVM with
 * only Liquibase and the driver. {@code LiquibaseRun update|status JDBC_URL CHANGELOG}
 * runs the command on a formatted SQL changelog and prints, last, the time spent inside
 * this JVM as {@code in-process-ms: N}.
 */
public class LiquibaseRun {
    public static void main(String... args) throws Exception {
        long start = System.nanoTime();
        Path changelog = Path.of(args[2]).toAbsolutePath();
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        // Liquibase finds the changelog through a resource accessor: the folder that holds it.
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(changelog.getParent())),
                () -> new CommandScope(args[0])
                        .addArgumentValue("url", args[1])
                        .addArgumentValue("username", "postgres")
                        .addArgumentValue("changelogFile", changelog.getFileName().toString())
                        .execute());
        System.err.println("in-process-ms: " + (System.nanoTime() - start) / 1_000_000);
    }
}
