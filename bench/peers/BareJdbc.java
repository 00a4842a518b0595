///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../../lib/postgresql-driver.java

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * The floor for a read-only command: a bare JVM that connects with JDBC and runs one
 * {@code SELECT count(*)} on a table. {@code BareJdbc JDBC_URL TABLE}
 */
public class BareJdbc {
    public static void main(String... args) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0], "postgres", null);
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + args[1])) {
            r.next();
            System.out.println(r.getLong(1) + " rows.");
        }
        System.err.println("in-process-ms: " + (System.nanoTime() - start) / 1_000_000);
    }
}
