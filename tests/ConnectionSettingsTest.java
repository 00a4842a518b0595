import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.core.Database;
import trading.core.DatabaseTarget;
import trading.core.DatabaseUrl;
import trading.core.Environment;
import trading.core.ExitCode;
import trading.core.ToolkitException;
import trading.core.ToolkitHome;

/** Contract section 2: URL forms, percent-decoding, parameters, precedence, .env, ~/.pgpass and masking. */
class ConnectionSettingsTest {
    @TempDir Path dir;

    private static final String TRICKY = "p@ss:w%rd/?#&= x";
    private static final String TRICKY_ENCODED = "p%40ss%3Aw%25rd%2F%3F%23%26%3D%20x";

    @Test
    void parsesEveryUrlForm() {
        for (String scheme : new String[] {"postgresql://", "postgres://", "jdbc:postgresql://"}) {
            DatabaseUrl url = DatabaseUrl.parse(scheme + "trader:" + TRICKY_ENCODED + "@db.example:6543/trading_db");
            assertEquals("db.example:6543", url.hosts(), scheme);
            assertEquals("trading_db", url.database(), scheme);
            assertEquals("trader", url.user(), scheme);
            assertEquals(TRICKY, url.password(), scheme);
            assertEquals("jdbc:postgresql://db.example:6543/trading_db", url.jdbcUrl(), scheme);
        }
    }

    @Test
    void percentDecodesUserPasswordAndDatabaseButKeepsPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:a+b%25c@h/my%20db");
        assertEquals("us@er", url.user());
        assertEquals("a+b%c", url.password());
        assertEquals("my db", url.database());
    }

    @Test
    void unencodedAtAndColonInPasswordStillWork() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://trader:p@ss:word@localhost:5432/trading_db");
        assertEquals("trader", url.user());
        assertEquals("p@ss:word", url.password());
        assertEquals("localhost:5432", url.hosts());
    }

    @Test
    void queryParametersGoToPgjdbcWithLibpqNamesTranslated() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:pw@h:5432/db?sslmode=require&sslrootcert=%2Fetc%2Fca.pem"
                + "&connect_timeout=7&application_name=ops&ApplicationName=keep");
        var props = url.connectionProperties();
        assertEquals("require", props.getProperty("sslmode"));
        assertEquals("/etc/ca.pem", props.getProperty("sslrootcert"));
        assertEquals("7", props.getProperty("connectTimeout"));
        assertEquals("keep", props.getProperty("ApplicationName"));
        assertEquals("u", props.getProperty("user"));
        assertEquals("pw", props.getProperty("password"));
    }

    @Test
    void jdbcUrlWithCredentialsInQuery() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=app&password=" + TRICKY_ENCODED);
        assertEquals("app", url.user());
        assertEquals(TRICKY, url.password());
        assertFalse(url.masked().contains("p@ss"), url.masked());
        assertFalse(url.jdbcUrl().contains("password"), "credentials travel as properties, not in the URL");
    }

    @Test
    void maskingNeverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://trader:" + TRICKY_ENCODED + "@h:5432/db?sslmode=require");
        assertEquals("postgresql://trader:***@h:5432/db?sslmode=require", url.masked());
        assertEquals(url.masked(), url.toString());
        assertEquals("login failed for *** and ***", url.scrub("login failed for " + TRICKY + " and " + TRICKY_ENCODED));
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingTheUrl() {
        ToolkitException e = assertThrows(ToolkitException.class,
                () -> DatabaseUrl.parse("mysql://root:hunter2@h/db"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void precedenceIsUrlThenDatabaseUrlThenLibpqThenEmbedded() {
        ToolkitHome home = new ToolkitHome(dir);
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", "postgresql://env@envhost/envdb",
                "PGHOST", "pghost", "PGUSER", "pguser", "PGDATABASE", "pgdb"));

        DatabaseTarget fromFlag = DatabaseTarget.resolve("postgresql://flag@flaghost/flagdb", environment(env), home);
        assertEquals("flaghost", server(fromFlag).url().firstHost());
        assertEquals("--url", server(fromFlag).source());

        DatabaseTarget fromEnv = DatabaseTarget.resolve(null, environment(env), home);
        assertEquals("envhost", server(fromEnv).url().firstHost());

        env.remove("DATABASE_URL");
        DatabaseTarget fromLibpq = DatabaseTarget.resolve(" ", environment(env), home);
        DatabaseUrl libpq = server(fromLibpq).url();
        assertEquals("pghost:5432", libpq.hosts());
        assertEquals("pguser", libpq.user());
        assertEquals("pgdb", libpq.database());

        DatabaseTarget embedded = DatabaseTarget.resolve(null, environment(Map.of()), home);
        assertEquals(dir.resolve(".trading/pgdata"), assertInstanceOf(DatabaseTarget.Embedded.class, embedded).dataDirectory());

        DatabaseTarget movedHome = DatabaseTarget.resolve(null, environment(Map.of("TRADING_HOME", dir.resolve("h").toString())), home);
        assertEquals(dir.resolve("h/pgdata"), ((DatabaseTarget.Embedded) movedHome).dataDirectory());
    }

    @Test
    void libpqVariablesCarryPortPasswordAndSslmode() {
        Map<String, String> env = Map.of("PGHOST", "db1", "PGPORT", "6000", "PGUSER", "u", "PGPASSWORD", TRICKY,
                "PGSSLMODE", "verify-full", "PGAPPNAME", "nightly");
        DatabaseUrl url = server(DatabaseTarget.resolve(null, environment(env), new ToolkitHome(dir))).url();
        assertEquals("db1:6000", url.hosts());
        assertEquals("u", url.database(), "libpq's default database is the user name");
        assertEquals(TRICKY, url.password());
        assertEquals("verify-full", url.connectionProperties().getProperty("sslmode"));
        assertEquals("nightly", url.connectionProperties().getProperty("ApplicationName"));
    }

    @Test
    void dotEnvIsReadButNeverOverridesTheEnvironment() throws Exception {
        Files.writeString(dir.resolve(".env"), "# local settings\nexport DATABASE_URL=\"postgresql://dotenv@dotenvhost/db\"\n"
                + "MIGRATIONS_DIR=sql # inline comment\nQUOTED='a b'\n");
        Environment onlyDotEnv = Environment.of(Map.of(), dir, dir);
        assertEquals("postgresql://dotenv@dotenvhost/db", onlyDotEnv.get("DATABASE_URL").orElseThrow());
        assertEquals("sql", onlyDotEnv.get("MIGRATIONS_DIR").orElseThrow());
        assertEquals("a b", onlyDotEnv.get("QUOTED").orElseThrow());

        Environment both = Environment.of(Map.of("DATABASE_URL", "postgresql://real@realhost/db"), dir, dir);
        assertEquals("realhost", server(DatabaseTarget.resolve(null, both, new ToolkitHome(dir))).url().firstHost());
    }

    @Test
    void malformedDotEnvNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=1\nthis is not a setting\n");
        ToolkitException e = assertThrows(ToolkitException.class, () -> Environment.of(Map.of(), dir, dir));
        assertTrue(e.getMessage().contains(".env:2"), e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void pgpassSuppliesAMissingPasswordFirstMatchWins() throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "# comment\nother:5432:*:trader:wrong\ndb\\:host:*:trading_db:trader:from\\:pgpass\n"
                + "*:*:*:*:fallback\n");
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());
        ToolkitHome home = new ToolkitHome(dir);
        DatabaseUrl url = server(DatabaseTarget.resolve("postgresql://trader@db:host:5432/trading_db",
                environment(env), home)).url();
        assertEquals("db:host", url.firstHost());
        assertEquals("from:pgpass", url.password());
        DatabaseUrl other = server(DatabaseTarget.resolve("postgresql://someone@elsewhere/x", environment(env), home)).url();
        assertEquals("fallback", other.password());
        DatabaseUrl explicit = server(DatabaseTarget.resolve("postgresql://trader:given@db:host/trading_db",
                environment(env), home)).url();
        assertEquals("given", explicit.password(), "a password in the URL beats ~/.pgpass");
        DatabaseUrl none = server(DatabaseTarget.resolve("postgresql://trader@h/db", environment(Map.of()), home)).url();
        assertNull(none.password());
    }

    @Test
    void everyUrlFormConnectsToARealServer() throws Exception {
        DatabaseUrl admin = TestPostgres.get().admin();
        String userInfo = admin.user() + (admin.password() == null ? "" : ":" + admin.password()) + "@";
        for (String scheme : new String[] {"postgresql://", "postgres://", "jdbc:postgresql://"}) {
            String url = scheme + userInfo + admin.hosts() + "/" + admin.database() + "?ApplicationName=form-check";
            try (Database db = Database.open(url, "unused");
                 Connection c = db.connect();
                 ResultSet r = c.createStatement().executeQuery("SELECT current_setting('application_name')")) {
                r.next();
                assertEquals("form-check", r.getString(1), scheme);
            }
        }
    }

    private Environment environment(Map<String, String> variables) {
        return Environment.of(variables, dir, dir);
    }

    private static DatabaseTarget.Server server(DatabaseTarget target) {
        return assertInstanceOf(DatabaseTarget.Server.class, target);
    }
}
