import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.db.Database;
import trading.db.DatabaseTarget;
import trading.db.DatabaseUrl;
import trading.db.DotEnv;
import trading.db.Environment;
import trading.db.ToolkitHome;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/** Connection settings: URL forms, percent-decoding, parameters, precedence, .env, ~/.pgpass and masking. */
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
        assertEquals(FailureKind.BAD_INPUT, e.kind());
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
        assertEquals("a b", DotEnv.read(dir.resolve(".env")).get("QUOTED"));
        assertTrue(onlyDotEnv.get("QUOTED").isEmpty(), "only connection settings and MIGRATIONS_DIR come from .env");

        Environment both = Environment.of(Map.of("DATABASE_URL", "postgresql://real@realhost/db"), dir, dir);
        assertEquals("realhost", server(DatabaseTarget.resolve(null, both, new ToolkitHome(dir))).url().firstHost());
    }

    @Test
    void malformedDotEnvNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=1\nthis is not a setting\n");
        ToolkitException e = assertThrows(ToolkitException.class, () -> Environment.of(Map.of(), dir, dir));
        assertTrue(e.getMessage().contains(".env:2"), e.getMessage());
        assertEquals(FailureKind.BAD_INPUT, e.kind());
    }

    @Test
    void pgpassSuppliesAMissingPasswordFirstMatchWins() throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "# comment\nother:5432:*:trader:wrong\ndb\\:host:*:trading_db:trader:from\\:pgpass\n"
                + "*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
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
    void pgpassThatOthersCanReadIsNotUsedAndSaysSo() throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "*:*:*:*:from-pgpass\n");
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());
        for (String mode : new String[] {"rw-r--r--", "rw-rw----", "rw----r--"}) {
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString(mode));
            DatabaseTarget.Server target = server(DatabaseTarget.resolve("postgresql://u@h/db", environment(env), new ToolkitHome(dir)));
            assertNull(target.url().password(), mode);
            assertEquals(List.of("WARNING: password file \"" + pgpass + "\" has group or world access;"
                    + " permissions should be u=rw (0600) or less"), target.warnings(), mode);
        }
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("r--------"));
        DatabaseTarget.Server ok = server(DatabaseTarget.resolve("postgresql://u@h/db", environment(env), new ToolkitHome(dir)));
        assertEquals("from-pgpass", ok.url().password());
        assertEquals(List.of(), ok.warnings());
    }

    @Test
    void pgpassWarningReachesStderrOfACommand() throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "*:*:*:*:Leaked-Secret-1\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        Commands.Result r = Commands.spawn(Map.of("PGPASSFILE", pgpass.toString()), "status",
                "--url", "postgresql://nobody@127.0.0.1:1/db?connectTimeout=2");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("WARNING: password file \"" + pgpass + "\" has group or world access"), r.err());
        assertFalse(r.all().contains("Leaked-Secret-1"), r.toString());
    }

    @Test
    void secretParametersAreMaskedButFileNamesAreNot() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h/db?sslmode=require&sslpassword=KEY1&sslkey=%2Fk.pem"
                + "&sslrootcert=%2Fca.pem&apiToken=T0K&client_secret=S3C&ApplicationName=ops");
        String masked = url.masked();
        assertEquals("postgresql://u:***@h/db?sslmode=require&sslpassword=***&sslkey=%2Fk.pem&sslrootcert=%2Fca.pem"
                + "&apiToken=***&client_secret=***&ApplicationName=ops", masked);
        assertEquals("bad key *** and ***", url.scrub("bad key KEY1 and T0K"));
        assertEquals("KEY1", url.connectionProperties().getProperty("sslpassword"), "the driver still gets it");
    }

    @Test
    void credentialsInAnyTextAreMasked() {
        assertEquals("Unmatched argument at index 0: 'postgresql://u:***@host/db'",
                DatabaseUrl.maskCredentials("Unmatched argument at index 0: 'postgresql://u:S3cr3t@host/db'"));
        assertEquals("'postgres://u:***@h'", DatabaseUrl.maskCredentials("'postgres://u:p@ss:w@h'"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&sslpassword=***&sslmode=disable",
                DatabaseUrl.maskCredentials("jdbc:postgresql://h/db?user=u&password=pw&sslpassword=KEY&sslmode=disable"));
        assertEquals("password=*** token=*** sslkey=/k.pem", DatabaseUrl.maskCredentials("password=pw token=t sslkey=/k.pem"));
        assertEquals("postgresql://u@h/db and 10:30", DatabaseUrl.maskCredentials("postgresql://u@h/db and 10:30"));
    }

    @Test
    void dotEnvSetsOnlyConnectionSettingsAndNamesWhatItIgnores() throws Exception {
        Files.writeString(dir.resolve(".env"), "TRADING_HOME=/tmp/elsewhere\nTRADING_ROOT=/tmp/other-toolkit\n"
                + "PGPASSFILE=/tmp/pgpass\nJBANG_DIR=/tmp/jbang\nJAVA_TOOL_OPTIONS=-javaagent:x.jar\nPOSTGRES_USER=compose\n"
                + "PGHOST=dbhost\nPGSSLMODE=require\n");
        Environment env = environment(Map.of());
        for (String ignored : List.of("TRADING_HOME", "TRADING_ROOT", "PGPASSFILE", "JBANG_DIR", "JAVA_TOOL_OPTIONS",
                "POSTGRES_USER")) {
            assertTrue(env.get(ignored).isEmpty(), ignored);
        }
        assertEquals("dbhost", env.get("PGHOST").orElseThrow());
        assertEquals("require", env.get("PGSSLMODE").orElseThrow());
        assertEquals(1, env.warnings().size(), env.warnings().toString());
        String warning = env.warnings().get(0);
        assertTrue(warning.contains("TRADING_HOME, TRADING_ROOT, PGPASSFILE, JBANG_DIR, JAVA_TOOL_OPTIONS in "
                + dir.resolve(".env")), warning);
        assertFalse(warning.contains("POSTGRES_USER"), "docker compose's own settings are not the toolkit's business");
        assertEquals(dir.resolve(".trading"), new ToolkitHome(dir).stateDirectory(env), "TRADING_HOME from .env is not used");
        assertTrue(environment(Map.of("TRADING_HOME", "/real")).get("TRADING_HOME").isPresent(), "the real environment still may");
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
