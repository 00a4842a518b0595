import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import trading.db.SqlErrors;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.failure.ToolkitException;
import trading.migrate.MigrationSettings;

/** The shared helpers: the transaction helper and its lock_timeout, the SQL error text, and collected problems. */
class PlumbingTest {

    @Test
    void aLockTimeoutIsDigitsAndAnOptionalUnitAndNothingElse() {
        for (String ok : List.of("0", "5", "5s", "500ms", "2min", "1h", "0ms")) {
            assertTrue(Transactions.isLockTimeout(ok), ok);
            assertEquals("SET LOCAL lock_timeout = '" + ok + "'", Transactions.setLocalLockTimeout(ok));
        }
        for (String bad : List.of("", " 5s", "5s ", "5 s", "5sec", "1d", "1.5s", "-1", "5S", "s", "5s'; DROP TABLE x; --",
                "\u0665s")) {
            assertFalse(Transactions.isLockTimeout(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Transactions.setLocalLockTimeout(bad), bad);
        }
        assertFalse(Transactions.isLockTimeout(null));
    }

    @Test
    void migrationSettingsRefuseWhatTheHelperRefusesWithTheOptionsName() {
        ToolkitException e = assertThrows(ToolkitException.class,
                () -> new MigrationSettings(Path.of("m"), Duration.ZERO, "5 s", false));
        assertEquals(FailureKind.BAD_INPUT, e.kind());
        assertEquals("--ddl-lock-timeout '5 s' is not a duration PostgreSQL understands. Use e.g. 5s, 500ms, 2min,"
                + " or 0 to wait forever.", e.getMessage());
        assertEquals("750ms", new MigrationSettings(Path.of("m"), Duration.ZERO, "750ms", false).ddlLockTimeout());
    }

    @Test
    void theLockTimeoutHoldsForTheTransactionOnly() throws SQLException {
        String url = TestPostgres.get().newDatabase("plumbing_lock");
        try (Connection c = TestPostgres.connect(url)) {
            String before = show(c, "lock_timeout");
            String inside = Transactions.inTransactionWithLockTimeout(c, "750ms", () -> show(c, "lock_timeout"));
            assertEquals("750ms", inside);
            assertEquals(before, show(c, "lock_timeout"));
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void aFailureRollsBackAndTheConnectionIsBackInAutocommit() throws SQLException {
        String url = TestPostgres.get().newDatabase("plumbing_rollback");
        Db.execute(url, "CREATE TABLE t (id int PRIMARY KEY)");
        try (Connection c = TestPostgres.connect(url)) {
            IllegalStateException thrown = new IllegalStateException("stop");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transactions.inTransaction(c, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (1)");
                }
                throw thrown;
            }));
            assertSame(thrown, e);
            assertTrue(c.getAutoCommit());
            assertEquals("0", Db.scalar(url, "SELECT count(*) FROM t"));
            Transactions.inTransaction(c, () -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO t VALUES (2)");
                }
            });
            assertEquals("1", Db.scalar(url, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void aConnectionThatBreaksDoesNotHideTheErrorThatStoppedTheWork() throws SQLException {
        String url = TestPostgres.get().newDatabase("plumbing_broken");
        Connection c = TestPostgres.connect(url);
        SQLException original = new SQLException("the real error", "XX000");
        SQLException e = assertThrows(SQLException.class, () -> Transactions.inTransaction(c, () -> {
            c.close();
            throw original;
        }));
        assertSame(original, e);
    }

    @Test
    void workOnAConnectionAlreadyInATransactionJoinsIt() throws SQLException {
        String url = TestPostgres.get().newDatabase("plumbing_join");
        Db.execute(url, "CREATE TABLE t (id int)");
        try (Connection c = TestPostgres.connect(url)) {
            c.setAutoCommit(false);
            Transactions.inTransaction(c, () -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO t VALUES (1)");
                }
            });
            assertFalse(c.getAutoCommit());
            c.rollback();
            assertEquals("0", Db.scalar(url, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void aServerErrorReadsAsPsqlShowsIt() throws SQLException {
        String url = TestPostgres.get().newDatabase("plumbing_errors");
        Db.execute(url, "CREATE TABLE t (id int PRIMARY KEY)");
        Db.execute(url, "INSERT INTO t VALUES (1)");
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            SQLException duplicate = assertThrows(SQLException.class, () -> s.execute("INSERT INTO t VALUES (1)"));
            assertEquals("ERROR 23505: duplicate key value violates unique constraint \"t_pkey\"\n"
                    + "  DETAIL: Key (id)=(1) already exists.", SqlErrors.describe(duplicate));
            assertEquals("23505", SqlErrors.sqlState(duplicate));
            assertEquals(0, SqlErrors.position(duplicate));

            SQLException raised = assertThrows(SQLException.class, () -> s.execute("DO $$ BEGIN RAISE EXCEPTION"
                    + " 'refused' USING DETAIL = 'first\nsecond', HINT = 'try again', ERRCODE = 'P0001'; END $$"));
            String text = SqlErrors.describe(raised);
            assertTrue(text.startsWith("ERROR P0001: refused\n  DETAIL: first\n  second\n  HINT: try again\n"
                    + "  WHERE: PL/pgSQL function inline_code_block"), text);
            assertFalse(text.endsWith("\n"), text);
            assertEquals(text.substring(text.indexOf('\n') + 1) + "\n", SqlErrors.detailLines(raised));
            assertTrue(SqlErrors.where(raised).orElseThrow().contains("inline_code_block"));

            SQLException syntax = assertThrows(SQLException.class, () -> s.execute("SELECT 1, FROM t"));
            assertEquals(11, SqlErrors.position(syntax));
            assertEquals("syntax error at or near \"FROM\"", SqlErrors.message(syntax));
        }
    }

    @Test
    void anErrorWithoutAServerMessageShowsTheDriversFirstLine() {
        assertEquals("ERROR 08006: An I/O error occurred", SqlErrors.describe(
                new SQLException("An I/O error occurred\n  while sending", "08006")));
        assertEquals("ERROR ?????: unknown error", SqlErrors.describe(new SQLException()));
        assertEquals("", SqlErrors.detailLines(new SQLException("x")));
        assertTrue(SqlErrors.where(new SQLException("x")).isEmpty());
        assertEquals("ERROR 57014: stopped", SqlErrors.headline("57014", "stopped"));
    }

    @Test
    void problemsAreThrownOnceWithTheirHeading() {
        Problems problems = new Problems();
        problems.throwIfAny(FailureKind.VALIDATION, "Nothing was applied");
        problems.throwIfAny(FailureKind.BAD_INPUT);
        problems.add("a is wrong");
        problems.addAll(List.of("b is wrong"));
        ToolkitException e = assertThrows(ToolkitException.class,
                () -> problems.throwIfAny(FailureKind.VALIDATION, "Nothing was applied"));
        assertEquals(FailureKind.VALIDATION, e.kind());
        assertEquals("Nothing was applied:\n  - a is wrong\n  - b is wrong", e.getMessage());
        ToolkitException lines = assertThrows(ToolkitException.class, () -> problems.throwIfAny(FailureKind.BAD_INPUT));
        assertEquals("a is wrong\nb is wrong", lines.getMessage());
        assertEquals(List.of("a is wrong", "b is wrong"), problems.list());
        assertEquals(2, problems.size());
    }

    @Test
    void manyProblemsShowTheFirstFewAndCountTheRest() {
        Problems problems = new Problems();
        for (int i = 1; i <= 5; i++) {
            problems.add("p" + i);
        }
        assertEquals(List.of("p1", "p2", "... and 3 more like these."), problems.firstOnly(2).list());
        assertEquals(problems.list(), problems.firstOnly(5).list());
        assertEquals("Heading:\n  - x\n  - y", Problems.bulleted("Heading", List.of("x", "y")));
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
