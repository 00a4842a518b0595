import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.sqlfile.SqlSplitter;
import trading.sqlfile.SqlStatement;

/** The SQL that Flyway, golang-migrate and dbmate have split wrongly applies correctly here. */
class TrickySqlTest {
    @TempDir Path dir;

    private static final String DOLLAR_FUNCTION = """
            -- a plpgsql body full of semicolons; and 'quotes'
            CREATE FUNCTION add_tax(price numeric) RETURNS numeric LANGUAGE plpgsql AS $$
            DECLARE
                rate numeric := 0.2;
            BEGIN
                IF price < 0 THEN
                    RAISE EXCEPTION 'negative; price';
                END IF;
                RETURN price * (1 + rate);
            END;
            $$;
            CREATE FUNCTION tagged() RETURNS text LANGUAGE sql AS $fn$ SELECT 'a;b' || $q$;$q$ $fn$;
            """;

    private static final String DO_AND_ATOMIC = """
            DO $$
            BEGIN
                CREATE TABLE from_do (id int);
                INSERT INTO from_do VALUES (1); INSERT INTO from_do VALUES (2);
            END
            $$;
            CREATE FUNCTION double_it(x int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
                SELECT x * 2;
            END;
            CREATE OR REPLACE PROCEDURE log_twice(msg text) LANGUAGE sql
            BEGIN ATOMIC
                INSERT INTO from_do VALUES (length(msg));
                INSERT INTO from_do VALUES (CASE WHEN msg = '' THEN 0 ELSE 1 END);
            END;
            CREATE FUNCTION sign_of(x int) RETURNS int LANGUAGE sql
                RETURN CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 ELSE 0 END;
            """;

    private static final String COMMENTS_AND_STRINGS = """
            -- Description: comments; 'quotes' and a \\ backslash
            /* a block comment; with 'quotes' and "double quotes"
               /* nested; comment */ still inside; */
            CREATE TABLE "odd;name" (note text); -- trailing; comment 'x
            INSERT INTO "odd;name" VALUES (E'it\\'s; escaped'), ('it''s; doubled'), ($tag$dollar; 'x'$tag$);
            INSERT INTO "odd;name" (note) SELECT 'semi;colon' WHERE 1 = 1 -- no semicolon until the next line
            ;
            """;

    private static final String CONCURRENT_INDEXES = """
            -- Transaction: none
            CREATE INDEX CONCURRENTLY idx_from_do_id ON from_do (id);
            CREATE INDEX CONCURRENTLY idx_odd_note ON "odd;name" (note);
            CREATE UNIQUE INDEX CONCURRENTLY idx_odd_note_unique ON "odd;name" (note);
            """;

    @Test
    void splitsLikePsql() {
        List<SqlStatement> statements = SqlSplitter.split(DO_AND_ATOMIC, "x.sql");
        assertEquals(4, statements.size(), statements.toString());
        assertEquals(1, statements.get(0).line());
        assertEquals(7, statements.get(1).line());
        assertTrue(statements.get(2).sql().contains("CASE WHEN msg = '' THEN 0 ELSE 1 END);\nEND;"), statements.get(2).sql());
        assertEquals(3, SqlSplitter.split(COMMENTS_AND_STRINGS, "y.sql").size());
        assertEquals(2, SqlSplitter.split(DOLLAR_FUNCTION, "z.sql").size());
        assertEquals(List.of("SELECT 1;", "SELECT 2"), SqlSplitter.split(";;SELECT 1;;\nSELECT 2\n-- end", "w.sql")
                .stream().map(SqlStatement::sql).toList());
    }

    @Test
    void appliesAllOfIt() {
        MigrationFolder folder = new MigrationFolder(dir)
                .add("001_dollar_functions.sql", DOLLAR_FUNCTION)
                .add("002_do_and_atomic.sql", DO_AND_ATOMIC)
                .add("003_comments_and_strings.sql", COMMENTS_AND_STRINGS)
                .add("004_concurrent_indexes.sql", CONCURRENT_INDEXES);
        String url = TestPostgres.get().newDatabase("tricky");
        Commands.Result r = Commands.run("migrate", "--url", url, "--migrations", folder.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("12.0", Db.scalar(url, "SELECT add_tax(10)"));
        assertEquals("a;b;", Db.scalar(url, "SELECT tagged()"));
        assertEquals("2", Db.scalar(url, "SELECT count(*) FROM from_do"));
        assertEquals("42", Db.scalar(url, "SELECT double_it(21)"));
        assertEquals("-1", Db.scalar(url, "SELECT sign_of(-5)"));
        Db.execute(url, "CALL log_twice('abc')");
        assertEquals("4", Db.scalar(url, "SELECT count(*) FROM from_do"));
        assertEquals(List.of("dollar; 'x'", "it's; doubled", "it's; escaped", "semi;colon"),
                Db.column(url, "SELECT note FROM \"odd;name\" ORDER BY note"));
        assertEquals(List.of("idx_from_do_id", "idx_odd_note", "idx_odd_note_unique"),
                Db.column(url, "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'idx_%' ORDER BY 1"));
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"), "every index valid");
        assertEquals("comments; 'quotes' and a \\ backslash",
                Db.scalar(url, "SELECT name FROM schema_migrations WHERE version = '003_comments_and_strings'"));
    }
}
