///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.flywaydb:flyway-core:13.12.1
//DEPS org.flywaydb:flyway-database-postgresql:13.12.1
//SOURCES ../../lib/postgresql-driver.java

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway as the benchmark runs it: its own JVM with only Flyway and the driver on the
 * classpath, like the Flyway command line. {@code FlywayRun migrate|info JDBC_URL DIR}
 * prints what the CLI would (applied count, or one line per migration) and, last, the
 * time spent inside this JVM as {@code in-process-ms: N}.
 */
public class FlywayRun {
    public static void main(String... args) {
        long start = System.nanoTime();
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], "postgres", null)
                .locations("filesystem:" + args[2])
                // The files are byte-identical to the toolkit's: run them as they are.
                .placeholderReplacement(false)
                .load();
        switch (args[0]) {
            case "migrate" -> {
                MigrateResult result = flyway.migrate();
                System.out.println("Applied " + result.migrationsExecuted + " migrations.");
            }
            case "info" -> {
                int applied = 0;
                for (MigrationInfo info : flyway.info().all()) {
                    System.out.println(info.getVersion() + " | " + info.getDescription() + " | " + info.getState()
                            + " | " + info.getInstalledOn());
                    applied += info.getState().isApplied() ? 1 : 0;
                }
                System.out.println(applied + " applied.");
            }
            default -> throw new IllegalArgumentException("migrate or info, not " + args[0]);
        }
        System.err.println("in-process-ms: " + (System.nanoTime() - start) / 1_000_000);
    }
}
