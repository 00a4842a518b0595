import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** migrate and status on the project's own migrations, against a real PostgreSQL. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateCommandTest {
    static String url;

    @BeforeAll
    static void database() {
        url = TestPostgres.get().newDatabase("migrate_cmd");
    }

    @Test
    @Order(1)
    void appliesTheProjectMigrationsInOrderAndRecordsThem() throws Exception {
        Commands.Result r = Commands.run("migrate", "--url", url);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().indexOf("001_create_recommendations_tables") < r.out().indexOf("002_add_sample_data"), r.out());
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, name, checksum, execution_time_ms, success, applied_at"
                     + " FROM schema_migrations ORDER BY migration_id")) {
            assertTrue(rs.next());
            assertEquals("001_create_recommendations_tables", rs.getString(1));
            assertEquals(64, rs.getString(3).length(), "SHA-256 hex checksum");
            assertTrue(rs.getLong(4) >= 0);
            assertTrue(rs.getBoolean(5));
            assertTrue(rs.next());
            assertEquals("002_add_sample_data", rs.getString(1));
            assertEquals("Add a small, realistic sample of recommendations, targets and options", rs.getString(2));
            assertTrue(rs.next());
            assertEquals("003_finite_numbers", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("004_validate_finite_numbers", rs.getString(1));
            assertTrue(!rs.next(), "exactly four rows");
        }
    }

    @Test
    @Order(2)
    void secondRunAppliesNothing() throws Exception {
        Commands.Result r = Commands.run("migrate", "--url", url);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Nothing to migrate"), r.out());
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_migrations")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
        }
    }

    @Test
    @Order(3)
    void statusAndMigrateStatusAgree() {
        Commands.Result status = Commands.run("status", "--url", url, "--json");
        Commands.Result viaMigrate = Commands.run("migrate", "--url", url, "--status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(status.out(), viaMigrate.out());
        assertTrue(status.out().contains("\"applied_count\" : 4"), status.out());
        assertTrue(status.out().contains("\"pending_count\" : 0"), status.out());
    }
}
