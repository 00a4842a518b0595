import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback: down scripts, --steps, --to, checks before anything runs, and a schema that comes back the same. */
class RollbackTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir)
                .add("001_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);\n"
                        + "CREATE INDEX idx_accounts_name ON accounts (name);")
                .add("001_accounts.down.sql", "DROP TABLE accounts;")
                .add("002_balance.sql", "ALTER TABLE accounts ADD COLUMN balance numeric NOT NULL DEFAULT 0\n"
                        + "    CONSTRAINT accounts_balance_check CHECK (balance >= 0);")
                .add("002_balance.down.sql", "ALTER TABLE accounts DROP COLUMN balance;")
                .add("003_ledger.sql", "-- Depends: 001_accounts\nCREATE TABLE ledger (account int REFERENCES accounts (id),"
                        + " amount numeric);\nCREATE VIEW ledger_totals AS SELECT account, sum(amount) FROM ledger GROUP BY 1;")
                .add("003_ledger.down.sql", "DROP VIEW ledger_totals;\nDROP TABLE ledger;");
        url = TestPostgres.get().newDatabase("rollback");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void rollbackThenMigrateGivesBackTheSameSchema() {
        assertEquals(0, migrate().exitCode());
        String full = Db.catalog(url);
        assertTrue(full.contains("table ledger.amount numeric"), full);

        Commands.Result one = migrate("--rollback");
        assertEquals(0, one.exitCode(), one.toString());
        assertTrue(one.out().contains("003_ledger") && one.out().contains("reverted"), one.out());
        assertEquals(List.of("001_accounts", "002_balance"), Db.history(url));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('ledger') IS NOT NULL"));

        Commands.Result all = migrate("--rollback", "--steps", "2");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(List.of(), Db.history(url));
        assertEquals("", Db.catalog(url).lines().filter(l -> !l.contains("schema_migrations")).reduce("", String::concat));

        assertEquals(0, migrate().exitCode());
        assertEquals(full, Db.catalog(url), "tables, columns, indexes, constraints, triggers and functions");
    }

    @Test
    void toVersionRevertsEverythingAppliedAfterIt() {
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--to", "001_accounts");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Rolled back 2 migrations"), r.out());
        assertEquals(List.of("001_accounts"), Db.history(url));
        Commands.Result nothing = migrate("--rollback", "--to", "1");
        assertEquals(0, nothing.exitCode(), "a bare number works too: " + nothing);
        assertTrue(nothing.out().contains("Nothing to roll back"), nothing.out());
        Commands.Result unknown = migrate("--rollback", "--to", "003_ledger");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--to 003_ledger: that migration is not applied"), unknown.err());
    }

    @Test
    void aMissingDownScriptIsNamedAndNothingIsReverted() {
        folder.delete("002_balance.down.sql");
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--steps", "3");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_balance has no down script: " + dir.resolve("002_balance.down.sql")), r.err());
        assertTrue(r.err().contains("Nothing was rolled back"), r.err());
        assertEquals(List.of("001_accounts", "002_balance", "003_ledger"), Db.history(url));
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('ledger') IS NOT NULL"));
    }

    @Test
    void aFailingDownScriptRevertsNothing() {
        folder.add("002_balance.down.sql", "ALTER TABLE accounts DROP COLUMN no_such_column;");
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--steps", "2");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_balance.down.sql:1: ERROR 42703"), r.err());
        assertTrue(r.err().contains("Nothing was rolled back"), r.err());
        assertEquals(List.of("001_accounts", "002_balance", "003_ledger"), Db.history(url));
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('ledger') IS NOT NULL"), "003's revert was undone too");
    }

    @Test
    void aMigrationThatAStayingOneDependsOnIsNotReverted() {
        folder.delete("002_balance.sql").delete("002_balance.down.sql");
        assertEquals(0, migrate().exitCode());
        folder.add("002_audit.sql", "CREATE TABLE audit (id int);").add("002_audit.down.sql", "DROP TABLE audit;");
        assertEquals(0, migrate("--out-of-order").exitCode());
        // 003 is edited to depend on the hotfix, and the edit is accepted with --repair.
        folder.add("003_ledger.sql", "-- Depends: 001_accounts, 002_audit\nCREATE TABLE ledger (account int REFERENCES"
                + " accounts (id), amount numeric);\nCREATE VIEW ledger_totals AS SELECT account, sum(amount) FROM ledger GROUP BY 1;");
        assertEquals(0, migrate("--repair").exitCode());

        Commands.Result r = migrate("--rollback");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("003_ledger stays applied but depends on 002_audit"), r.err());
        assertEquals(List.of("001_accounts", "003_ledger", "002_audit"), Db.history(url));
    }

    @Test
    void stepsAndToNeedRollback() {
        Commands.Result r = migrate("--steps", "2");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--steps, --to and --all go with --rollback"), r.err());
    }
}
