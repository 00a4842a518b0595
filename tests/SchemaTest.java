import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The four tables hold their integrity rules themselves.
 * Every case runs in a transaction that is rolled back, so cases never see each other.
 */
class SchemaTest {
    /** A recommendation with one target, an option idea and one option target. */
    static final String WITH_OPTION = "'00000000-0000-4000-8000-0000000000a1'";
    /** A recommendation without targets or option idea. */
    static final String BARE = "'00000000-0000-4000-8000-0000000000b2'";
    static final String UNKNOWN = "'00000000-0000-4000-8000-0000000000ff'";

    static final String FIXTURE = """
            INSERT INTO recommendations (reco_id, symbol, horizon, side, entry_price, confidence_overall)
            VALUES (%1$s, 'TEST', 'swing', 'BUY', 10, 0.5), (%2$s, 'TEST', 'day', 'HOLD', 10, 0.5);
            INSERT INTO reco_targets (reco_id, ordinal, name, target_type, value, confidence)
            VALUES (%1$s, 1, 'Target 1', 'price', 12, 0.6);
            INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price)
            VALUES (%1$s, 'CALL', CURRENT_DATE + 10, 11, 1.5);
            INSERT INTO option_targets (reco_id, ordinal, name, value, confidence)
            VALUES (%1$s, 1, 'Premium 1', 2.5, 0.5);
            """.formatted(WITH_OPTION, BARE);

    static String url;

    @BeforeAll
    static void migratedDatabase() {
        url = TestPostgres.get().newDatabase("schema");
        Commands.Result r = Commands.run("migrate", "--url", url);
        assertEquals(0, r.exitCode(), r.toString());
    }

    /** One INSERT that either is accepted ({@code state} null) or refused with that SQLSTATE by {@code object}. */
    record Case(String what, String sql, String state, String object) {
        @Override
        public String toString() {
            return what + (state == null ? " is accepted" : " is refused with " + state + " (" + object + ")");
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // recommendations
        values(c, SchemaTest::reco, "side", "recommendations_side_check",
                List.of("'BUY'", "'SELL'", "'HOLD'"), List.of("'buy'", "'SHORT'"));
        values(c, SchemaTest::reco, "confidence_overall", "recommendations_confidence_overall_check",
                List.of("0", "1"), List.of("-0.01", "1.01"));
        values(c, SchemaTest::reco, "entry_price", "recommendations_entry_price_check", List.of("0.01"), List.of("0"));
        values(c, SchemaTest::reco, "symbol", "recommendations_symbol_check",
                List.of("'BRK.B'"), List.of("''", "'aapl'", "' AAPL'"));
        values(c, SchemaTest::reco, "horizon", "recommendations_horizon_check", List.of("'1-2 months'"), List.of("'  '"));
        values(c, SchemaTest::reco, "rationale", "recommendations_rationale_check",
                List.of("'{\"reasoning\": \"r\"}'"), List.of("'[]'"));
        values(c, SchemaTest::reco, "quality", "recommendations_quality_check", List.of("'{}'"), List.of("'\"good\"'"));
        c.add(ok("expected_move_pct NULL", reco("expected_move_pct", "NULL")));
        c.add(unique("a second recommendation with the same reco_id", reco("reco_id", BARE), "recommendations_pkey"));
        notNulls(c, SchemaTest::reco, "asof", "symbol", "horizon", "side", "entry_price", "confidence_overall",
                "rationale", "quality", "reco_id");

        // reco_targets: the fixture holds ordinal 1 of WITH_OPTION
        values(c, SchemaTest::target, "ordinal", "reco_targets_ordinal_check", List.of("2", "5"), List.of("0", "6"));
        c.add(unique("a second target with ordinal 1", target("ordinal", "1"), "reco_targets_pkey"));
        c.add(ok("the same ordinal on another recommendation", target("reco_id", BARE)));
        values(c, SchemaTest::target, "target_type", "reco_targets_target_type_check",
                List.of("'price'", "'percentage'", "'technical'"), List.of("'Price'", "'fibonacci'"));
        values(c, SchemaTest::target, "confidence", "reco_targets_confidence_check", List.of("0", "1"), List.of("-0.1", "1.5"));
        values(c, SchemaTest::target, "eta_minutes", "reco_targets_eta_minutes_check", List.of("NULL", "0"), List.of("-1"));
        c.add(foreignKey("a target of an unknown recommendation", target("reco_id", UNKNOWN), "reco_targets_reco_id_fkey"));
        notNulls(c, SchemaTest::target, "reco_id", "ordinal", "name", "target_type", "value", "confidence");

        // option_ideas: BARE has none yet, WITH_OPTION has one
        values(c, SchemaTest::option, "option_type", "option_ideas_option_type_check",
                List.of("'CALL'", "'PUT'"), List.of("'call'", "'STRADDLE'"));
        c.add(unique("a second option idea for one recommendation", option("reco_id", WITH_OPTION), "option_ideas_pkey"));
        c.add(foreignKey("an option idea of an unknown recommendation", option("reco_id", UNKNOWN), "option_ideas_reco_id_fkey"));
        values(c, SchemaTest::option, "strike", "option_ideas_strike_check", List.of("0.5"), List.of("0"));
        values(c, SchemaTest::option, "option_entry_price", "option_ideas_option_entry_price_check", List.of("0"), List.of("-1"));
        values(c, SchemaTest::option, "greeks", "option_ideas_greeks_check", List.of("'{\"delta\": -0.3}'"), List.of("'[]'"));
        values(c, SchemaTest::option, "iv", "option_ideas_iv_check", List.of("'{}'"), List.of("'null'"));
        values(c, SchemaTest::option, "expiry", "option_ideas_expiry_in_future",
                List.of("CURRENT_DATE + 1"), List.of("CURRENT_DATE", "CURRENT_DATE - 1"));
        notNulls(c, SchemaTest::option, "option_type", "expiry", "strike", "option_entry_price", "greeks", "iv");

        // option_targets: the fixture holds ordinal 1 of WITH_OPTION
        values(c, SchemaTest::optionTarget, "ordinal", "option_targets_ordinal_check", List.of("3"), List.of("0", "4"));
        c.add(unique("a second option target with ordinal 1", optionTarget("ordinal", "1"), "option_targets_pkey"));
        c.add(foreignKey("an option target of a recommendation without option idea", optionTarget("reco_id", BARE),
                "option_targets_reco_id_fkey"));
        values(c, SchemaTest::optionTarget, "value", "option_targets_value_check", List.of("0"), List.of("-0.5"));
        values(c, SchemaTest::optionTarget, "confidence", "option_targets_confidence_check", List.of("1"), List.of("1.01"));
        values(c, SchemaTest::optionTarget, "eta_minutes", "option_targets_eta_minutes_check", List.of("0"), List.of("-5"));
        notNulls(c, SchemaTest::optionTarget, "reco_id", "ordinal", "name", "value", "confidence");

        // NUMERIC holds NaN and, since PostgreSQL 14, the infinities; 'NaN' > 0 is true. 003 refuses them.
        nonFinite(c, SchemaTest::reco, "entry_price", "recommendations_entry_price_finite",
                "recommendations_entry_price_check");
        nonFinite(c, SchemaTest::reco, "expected_move_pct", "recommendations_expected_move_pct_finite", null);
        nonFinite(c, SchemaTest::reco, "confidence_overall", "recommendations_confidence_overall_check",
                "recommendations_confidence_overall_check");
        nonFinite(c, SchemaTest::target, "value", "reco_targets_value_finite", null);
        nonFinite(c, SchemaTest::target, "confidence", "reco_targets_confidence_check", "reco_targets_confidence_check");
        nonFinite(c, SchemaTest::option, "strike", "option_ideas_strike_finite", "option_ideas_strike_check");
        nonFinite(c, SchemaTest::option, "option_entry_price", "option_ideas_option_entry_price_finite",
                "option_ideas_option_entry_price_check");
        nonFinite(c, SchemaTest::optionTarget, "value", "option_targets_value_finite", "option_targets_value_check");
        nonFinite(c, SchemaTest::optionTarget, "confidence", "option_targets_confidence_check",
                "option_targets_confidence_check");
        values(c, SchemaTest::reco, "expected_move_pct", "-", List.of("-4.2", "0", "NULL"), List.of());
        values(c, SchemaTest::target, "value", "-", List.of("-2.5", "0"), List.of());
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void constraint(Case c) throws Exception {
        inRolledBackTransaction(s -> {
            s.execute(FIXTURE);
            SQLException error = failure(s, c.sql());
            if (c.state() == null) {
                assertNull(error, () -> c.sql() + " was refused: " + error.getMessage());
                return;
            }
            assertNotNull(error, c.sql() + " was accepted");
            assertEquals(c.state(), error.getSQLState(), error.getMessage());
            ServerErrorMessage detail = ((PSQLException) error).getServerErrorMessage();
            String object = c.state().equals("23502") ? detail.getColumn() : detail.getConstraint();
            assertEquals(c.object(), object, error.getMessage());
        });
    }

    @Test
    void deletesCascadeFromOptionIdeasToOptionTargetsAndFromRecommendationsToEverything() throws Exception {
        inRolledBackTransaction(s -> {
            s.execute(FIXTURE);
            assertEquals(List.of(1, 1, 1), childCounts(s));
            s.execute("DELETE FROM option_ideas WHERE reco_id = " + WITH_OPTION);
            assertEquals(List.of(1, 0, 0), childCounts(s), "the option's targets go, the recommendation's stay");
            s.execute(FIXTURE.substring(FIXTURE.indexOf("INSERT INTO option_ideas")));
            s.execute("DELETE FROM recommendations WHERE reco_id = " + WITH_OPTION);
            assertEquals(List.of(0, 0, 0), childCounts(s));
        });
    }

    @Test
    void expiryCannotBeMovedIntoThePastButOtherColumnsOfAnExpiredOptionCanChange() throws Exception {
        inRolledBackTransaction(s -> {
            s.execute(FIXTURE);
            assertEquals("23514", stateOf(s, "UPDATE option_ideas SET expiry = CURRENT_DATE - 3 WHERE reco_id = " + WITH_OPTION));
            assertNull(stateOf(s, "UPDATE option_ideas SET expiry = CURRENT_DATE + 60 WHERE reco_id = " + WITH_OPTION));
            // Make the option expired the way time does: behind the trigger's back.
            s.execute("SET LOCAL trading.restoring = on");
            s.execute("UPDATE option_ideas SET expiry = CURRENT_DATE - 30 WHERE reco_id = " + WITH_OPTION);
            s.execute("SET LOCAL trading.restoring = off");
            assertNull(stateOf(s, "UPDATE option_ideas SET notes = 'closed', strike = 12 WHERE reco_id = " + WITH_OPTION));
            assertNull(stateOf(s, "UPDATE option_ideas SET expiry = expiry WHERE reco_id = " + WITH_OPTION),
                    "re-writing an unchanged expiry is not a change");
            assertEquals("23514", stateOf(s, "UPDATE option_ideas SET expiry = CURRENT_DATE - 1 WHERE reco_id = " + WITH_OPTION));
        });
    }

    @Test
    void anExpiredOptionIsRestoredWithTradingRestoring() throws Exception {
        String expired = option("expiry", "CURRENT_DATE - 400");
        inRolledBackTransaction(s -> {
            s.execute(FIXTURE);
            assertEquals("23514", stateOf(s, expired));
            s.execute("SET LOCAL trading.restoring = on");
            assertNull(stateOf(s, expired));
            assertNull(stateOf(s, "INSERT INTO option_targets (reco_id, ordinal, name, value, confidence)"
                    + " VALUES (" + BARE + ", 1, 'Premium 1', 3, 0.4)"));
            s.execute("RESET trading.restoring");
            assertEquals("23514", stateOf(s, "UPDATE option_ideas SET expiry = CURRENT_DATE - 401 WHERE reco_id = " + BARE),
                    "the rule is back once restoring is off");
        });
    }

    @Test
    void anExpiredOptionIsRestoredWithSessionReplicationRoleReplica() throws Exception {
        String expired = option("expiry", "CURRENT_DATE - 400");
        inRolledBackTransaction(s -> {
            assumeTrue(isSuperuser(s), "session_replication_role needs a superuser");
            s.execute(FIXTURE);
            assertEquals("23514", stateOf(s, expired));
            s.execute("SET LOCAL session_replication_role = replica");
            assertNull(stateOf(s, expired));
            s.execute("SET LOCAL session_replication_role = origin");
            assertEquals(1, count(s, "SELECT count(*) FROM option_ideas WHERE reco_id = " + BARE + " AND expiry < CURRENT_DATE"));
        });
    }

    @Test
    void uuidDefaultsAndUuidGenerateV4GiveVersion4Uuids() throws Exception {
        inRolledBackTransaction(s -> {
            assertEquals(4, uuid(s, "SELECT uuid_generate_v4()").version());
            assertEquals(4, uuid(s, "INSERT INTO recommendations (symbol, horizon, side, entry_price, confidence_overall)"
                    + " VALUES ('AAPL', 'day', 'BUY', 1, 0.5) RETURNING reco_id").version());
            // The example new migration of docs/migrations.md, unchanged.
            s.execute("""
                    CREATE TABLE user_actions (
                        action_id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
                        user_id UUID NOT NULL,
                        action_type TEXT NOT NULL,
                        created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
                    )""");
            assertEquals(4, uuid(s, "INSERT INTO user_actions (user_id, action_type) VALUES (gen_random_uuid(), 'login')"
                    + " RETURNING action_id").version());
        });
    }

    /** A role that owns only its schema may not install extensions: 001 then defines uuid_generate_v4() itself. */
    @Test
    void withoutRightsToInstallUuidOsspTheFallbackUuidGenerateV4IsCreatedAndDroppedAgain() throws Exception {
        String role = "t_schema_owner_" + ProcessHandle.current().pid();
        inRolledBackTransaction(TestPostgres.get().newDatabase("schema_fallback"), s -> {
            assumeTrue(isSuperuser(s), "creating a role needs a superuser");
            s.execute("CREATE ROLE " + role + " NOLOGIN; CREATE SCHEMA app AUTHORIZATION " + role
                    + "; SET LOCAL ROLE " + role + "; SET LOCAL search_path = app");
            s.execute(migration("001_create_recommendations_tables.sql"));
            assertEquals(0, count(s, "SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp'"));
            assertEquals(1, count(s, "SELECT count(*) FROM pg_proc WHERE proname = 'uuid_generate_v4'"
                    + " AND pronamespace = 'app'::regnamespace"));
            assertEquals(4, uuid(s, "SELECT uuid_generate_v4()").version());

            s.execute(migration("001_create_recommendations_tables.down.sql"));
            assertEquals(0, count(s, "SELECT count(*) FROM pg_proc WHERE proname IN"
                    + " ('uuid_generate_v4', 'option_ideas_expiry_in_future')"));
            assertEquals(0, count(s, "SELECT count(*) FROM pg_class WHERE relnamespace = 'app'::regnamespace"));
        });
    }

    @Test
    void rollingBackBothMigrationsLeavesNothingAndMigratingAgainGivesTheSameSchema() throws Exception {
        String fresh = TestPostgres.get().newDatabase("schema_down");
        List<String> empty = catalog(fresh);
        assertEquals(0, Commands.run("migrate", "--url", fresh).exitCode());
        List<String> migrated = catalog(fresh);
        assertTrue(migrated.size() > empty.size() + 40, "the schema shows in the catalog: " + migrated);

        try (Connection conn = TestPostgres.connect(fresh); Statement s = conn.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("INSERT INTO recommendations (symbol, horizon, side, entry_price, confidence_overall)"
                    + " VALUES ('AAPL', 'day', 'BUY', 200, 0.7)");
            runInTransaction(conn, migration("002_add_sample_data.down.sql"));
            assertEquals(List.of("AAPL"), strings(s, "SELECT symbol FROM recommendations"),
                    "002's down removes the sample and keeps other rows");
            assertEquals(0, count(s, "SELECT (SELECT count(*) FROM reco_targets) + (SELECT count(*) FROM option_ideas)"
                    + " + (SELECT count(*) FROM option_targets)"));
            assertEquals(migrated, catalog(fresh), "002's down changes no schema");

            runInTransaction(conn, migration("001_create_recommendations_tables.down.sql"));
            assertEquals(empty, catalog(fresh), "001's down leaves what was there before 001");

            s.execute("DELETE FROM schema_migrations");
        }
        assertEquals(0, Commands.run("migrate", "--url", fresh).exitCode());
        assertEquals(migrated, catalog(fresh));
        try (Connection conn = TestPostgres.connect(fresh); Statement s = conn.createStatement()) {
            assertEquals(8, count(s, "SELECT count(*) FROM recommendations"));
        }
    }

    @Test
    void the003And004DownScriptsRevertExactlyWhatTheyAdded() throws Exception {
        String fresh = TestPostgres.get().newDatabase("schema_finite_down");
        try (Connection conn = TestPostgres.connect(fresh); Statement s = conn.createStatement()) {
            s.setEscapeProcessing(false);
            runInTransaction(conn, migration("001_create_recommendations_tables.sql"));
            runInTransaction(conn, migration("002_add_sample_data.sql"));
            List<String> before003 = catalog(fresh);
            runInTransaction(conn, migration("003_finite_numbers.sql"));
            List<String> after003 = catalog(fresh);
            assertEquals(6, after003.stream().filter(l -> l.contains("_finite") && l.endsWith("NOT VALID")).count(),
                    "003 adds six checks, NOT VALID: " + after003);
            runInTransaction(conn, migration("004_validate_finite_numbers.sql"));
            assertEquals(0, count(s, "SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_finite'"
                    + " AND NOT convalidated"), "004 validates all six");

            runInTransaction(conn, migration("004_validate_finite_numbers.down.sql"));
            assertEquals(after003, catalog(fresh), "004's down leaves the checks as 003 left them");
            runInTransaction(conn, migration("003_finite_numbers.down.sql"));
            assertEquals(before003, catalog(fresh), "003's down leaves what was there before 003");
            assertEquals(8, count(s, "SELECT count(*) FROM recommendations"), "and no rows go");
        }
    }

    @Test
    void oldRowsWithNaNStopOnlyTheValidationWhichNamesTheCheckAndNewRowsAreCheckedMeanwhile(@TempDir Path dir)
            throws Exception {
        String fresh = TestPostgres.get().newDatabase("schema_finite_old_rows");
        Path migrations = Commands.ROOT.resolve("migrations");
        for (String file : List.of("001_create_recommendations_tables.sql", "002_add_sample_data.sql")) {
            Files.copy(migrations.resolve(file), dir.resolve(file));
        }
        assertEquals(0, Commands.runOn(fresh, dir, "migrate").exitCode());
        Db.execute(fresh, "UPDATE recommendations SET entry_price = 'NaN' WHERE symbol = 'TSLA'");

        Commands.Result r = Commands.runOn(fresh, migrations, "migrate");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("004_validate_finite_numbers.sql") && r.err().contains("23514")
                && r.err().contains("recommendations_entry_price_finite"), r.err());
        assertEquals(List.of("001_create_recommendations_tables", "002_add_sample_data", "003_finite_numbers"),
                Db.history(fresh));
        try (Connection conn = TestPostgres.connect(fresh); Statement s = conn.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.execute(reco("entry_price", "'NaN'")),
                    "003 checks new rows already");
            assertEquals("23514", refused.getSQLState(), refused.getMessage());
        }

        Db.execute(fresh, "UPDATE recommendations SET entry_price = 251.30 WHERE entry_price = 'NaN'");
        assertEquals(0, Commands.runOn(fresh, migrations, "migrate").exitCode());
        assertEquals(4, Db.history(fresh).size());
    }

    @Test
    void uuidOsspStaysWhenSomethingOutside001UsesIt() throws Exception {
        inRolledBackTransaction(TestPostgres.get().newDatabase("schema_keep_ext"), s -> {
            s.execute(migration("001_create_recommendations_tables.sql"));
            assumeTrue(count(s, "SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp'") == 1,
                    "uuid-ossp is installable here");
            s.execute("CREATE TABLE other_app (id UUID PRIMARY KEY DEFAULT uuid_generate_v4())");
            s.execute(migration("001_create_recommendations_tables.down.sql"));
            assertEquals(1, count(s, "SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp'"));
            assertEquals(4, uuid(s, "INSERT INTO other_app DEFAULT VALUES RETURNING id").version());
            assertEquals(0, count(s, "SELECT count(*) FROM pg_class WHERE relname = 'recommendations'"));
        });
    }

    @Test
    void sampleDataAppliesOnADatabaseWithOtherDataAndTwiceWithoutDuplicates() throws Exception {
        String fresh = TestPostgres.get().newDatabase("schema_sample_again");
        try (Connection conn = TestPostgres.connect(fresh); Statement s = conn.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(migration("001_create_recommendations_tables.sql"));
            s.execute(FIXTURE.replace("'TEST'", "'AAPL'"));
            runInTransaction(conn, migration("002_add_sample_data.sql"));
            List<Integer> once = tableCounts(s);
            assertEquals(List.of(10, 15, 4, 7), once, "8 sample + 2 other recommendations, and their children");
            runInTransaction(conn, migration("002_add_sample_data.sql"));
            assertEquals(once, tableCounts(s), "a second run adds nothing");
            assertEquals(List.of("swing", "day"), strings(s, "SELECT horizon FROM recommendations WHERE symbol = 'AAPL'"
                    + " AND entry_price = 10 ORDER BY horizon DESC"), "the other rows are untouched");
        }
    }

    @Test
    void sampleDatesAreRelativeToTheDayItRuns() throws Exception {
        try (Connection conn = TestPostgres.connect(url); Statement s = conn.createStatement()) {
            assertEquals(3, count(s, "SELECT count(*) FROM option_ideas WHERE expiry > CURRENT_DATE"));
            assertEquals(0, count(s, "SELECT count(*) FROM option_ideas WHERE expiry <= CURRENT_DATE"));
            assertEquals(8, count(s, "SELECT count(*) FROM recommendations"
                    + " WHERE asof <= now() AND asof > now() - interval '30 days'"));
        }
        Pattern dateLiteral = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        for (String line : migration("002_add_sample_data.sql").split("\n")) {
            if (!line.startsWith("--")) {
                assertFalse(dateLiteral.matcher(line).find(), "a fixed date in 002: " + line);
            }
        }
    }

    @Test
    void sampleCoversTheDesign() throws Exception {
        try (Connection conn = TestPostgres.connect(url); Statement s = conn.createStatement()) {
            assertTrue(strings(s, "SELECT DISTINCT symbol FROM recommendations").containsAll(List.of("AAPL", "TSLA", "NVDA")));
            assertEquals(List.of("BUY", "HOLD", "SELL"), strings(s, "SELECT DISTINCT side FROM recommendations ORDER BY 1"));
            assertTrue(count(s, "SELECT count(DISTINCT horizon) FROM recommendations") >= 3);
            assertEquals(List.of("CALL", "PUT"), strings(s, "SELECT DISTINCT option_type FROM option_ideas ORDER BY 1"));
            assertEquals(0, count(s, "SELECT count(*) FROM option_ideas WHERE NOT (greeks ? 'delta' AND iv ? 'iv')"));
            assertTrue(count(s, "SELECT max(n) FROM (SELECT count(*) AS n FROM reco_targets GROUP BY reco_id) ladders") >= 3);
            // Consistent, as the seed must be: BUY targets above entry, SELL below, delta sign by option type.
            assertEquals(0, count(s, """
                    SELECT count(*) FROM reco_targets t JOIN recommendations r USING (reco_id)
                    WHERE t.target_type <> 'percentage'
                      AND ((r.side = 'BUY' AND t.value <= r.entry_price) OR (r.side = 'SELL' AND t.value >= r.entry_price))"""));
            assertEquals(0, count(s, """
                    SELECT count(*) FROM option_ideas
                    WHERE (option_type = 'CALL' AND NOT (greeks->>'delta')::numeric BETWEEN 0 AND 1)
                       OR (option_type = 'PUT' AND NOT (greeks->>'delta')::numeric BETWEEN -1 AND 0)"""));
        }
    }

    // ---- helpers

    /** Cases for one column: {@code accepted} values pass, {@code refused} ones break {@code constraint}. */
    static void values(List<Case> c, BinaryOperator<String> insert, String column, String constraint,
                       List<String> accepted, List<String> refused) {
        String table = tableOf(insert);
        accepted.forEach(v -> c.add(ok(table + "." + column + " " + v, insert.apply(column, v))));
        refused.forEach(v -> c.add(check(table + "." + column + " " + v, insert.apply(column, v), constraint)));
    }

    /**
     * 'NaN' and 'Infinity' break {@code finite}; '-Infinity' breaks {@code lowerBound}, the
     * column's own bound, where it has one: PostgreSQL checks constraints in name order, and
     * "..._check" comes before "..._finite".
     */
    static void nonFinite(List<Case> c, BinaryOperator<String> insert, String column, String finite, String lowerBound) {
        values(c, insert, column, finite, List.of(), List.of("'NaN'", "'Infinity'"));
        values(c, insert, column, lowerBound == null ? finite : lowerBound, List.of(), List.of("'-Infinity'"));
    }

    static void notNulls(List<Case> c, BinaryOperator<String> insert, String... columns) {
        String table = tableOf(insert);
        for (String column : columns) {
            c.add(notNull(table + "." + column + " NULL", insert.apply(column, "NULL"), column));
        }
    }

    /** The table an INSERT builder writes to: the third word of "INSERT INTO table (...". */
    static String tableOf(BinaryOperator<String> insert) {
        return insert.apply("reco_id", "NULL").split(" ")[2];
    }

    static Case ok(String what, String sql) {
        return new Case(what, sql, null, null);
    }

    static Case check(String what, String sql, String constraint) {
        return new Case(what, sql, "23514", constraint);
    }

    static Case unique(String what, String sql, String constraint) {
        return new Case(what, sql, "23505", constraint);
    }

    static Case foreignKey(String what, String sql, String constraint) {
        return new Case(what, sql, "23503", constraint);
    }

    static Case notNull(String what, String sql, String column) {
        return new Case(what, sql, "23502", column);
    }

    /** An INSERT of a valid recommendation, with {@code column} set to {@code value}. */
    static String reco(String column, String value) {
        return insert("recommendations", column, value, "symbol", "'MSFT'", "horizon", "'swing'", "side", "'BUY'",
                "entry_price", "100", "confidence_overall", "0.5");
    }

    static String target(String column, String value) {
        return insert("reco_targets", column, value, "reco_id", WITH_OPTION, "ordinal", "2", "name", "'Target 2'",
                "target_type", "'price'", "value", "13", "confidence", "0.4");
    }

    static String option(String column, String value) {
        return insert("option_ideas", column, value, "reco_id", BARE, "option_type", "'PUT'",
                "expiry", "CURRENT_DATE + 30", "strike", "9", "option_entry_price", "0.8");
    }

    static String optionTarget(String column, String value) {
        return insert("option_targets", column, value, "reco_id", WITH_OPTION, "ordinal", "2", "name", "'Premium 2'",
                "value", "3.5", "confidence", "0.3");
    }

    private static String insert(String table, String column, String value, String... validColumnsAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < validColumnsAndValues.length; i += 2) {
            row.put(validColumnsAndValues[i], validColumnsAndValues[i + 1]);
        }
        row.put(column, value);
        return "INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                + String.join(", ", row.values()) + ")";
    }

    static String migration(String file) throws Exception {
        return Files.readString(Commands.ROOT.resolve("migrations").resolve(file));
    }

    /** What a catalog comparison sees: columns, indexes, constraints, triggers, functions, extensions. */
    static List<String> catalog(String databaseUrl) throws SQLException {
        try (Connection conn = TestPostgres.connect(databaseUrl); Statement s = conn.createStatement()) {
            return strings(s, """
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                           || ' default=' || coalesce(column_default, '')
                      FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
                    UNION ALL
                    SELECT 'index ' || indexdef FROM pg_indexes
                     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'
                    UNION ALL
                    SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                      FROM pg_constraint
                     WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
                    UNION ALL
                    SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
                    UNION ALL
                    SELECT 'function ' || oid::regprocedure || ' ' || md5(prosrc) FROM pg_proc
                     WHERE pronamespace = current_schema()::regnamespace
                    UNION ALL
                    SELECT 'extension ' || extname FROM pg_extension
                    ORDER BY 1""");
        }
    }

    interface StatementWork {
        void run(Statement s) throws Exception;
    }

    static void inRolledBackTransaction(StatementWork work) throws Exception {
        inRolledBackTransaction(url, work);
    }

    /** Runs {@code work} in one transaction on {@code databaseUrl} and rolls it back, whatever happens. */
    static void inRolledBackTransaction(String databaseUrl, StatementWork work) throws Exception {
        try (Connection conn = TestPostgres.connect(databaseUrl)) {
            conn.setAutoCommit(false);
            try (Statement s = conn.createStatement()) {
                s.setEscapeProcessing(false);
                work.run(s);
            } finally {
                conn.rollback();
            }
        }
    }

    /** Runs a whole script in one transaction, as the migration engine runs an up or down script. */
    static void runInTransaction(Connection conn, String sql) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement s = conn.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql);
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    /** Runs {@code sql} under a savepoint; returns the error it raised (rolled back to the savepoint), or null. */
    static SQLException failure(Statement s, String sql) throws SQLException {
        s.execute("SAVEPOINT attempt");
        try {
            s.execute(sql);
            s.execute("RELEASE SAVEPOINT attempt");
            return null;
        } catch (SQLException e) {
            s.execute("ROLLBACK TO SAVEPOINT attempt");
            return e;
        }
    }

    static String stateOf(Statement s, String sql) throws SQLException {
        SQLException e = failure(s, sql);
        return e == null ? null : e.getSQLState();
    }

    /** Targets, option ideas and option targets of {@link #WITH_OPTION}. */
    static List<Integer> childCounts(Statement s) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        for (String table : List.of("reco_targets", "option_ideas", "option_targets")) {
            counts.add(count(s, "SELECT count(*) FROM " + table + " WHERE reco_id = " + WITH_OPTION));
        }
        return counts;
    }

    static List<Integer> tableCounts(Statement s) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        for (String table : List.of("recommendations", "reco_targets", "option_ideas", "option_targets")) {
            counts.add(count(s, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    static boolean isSuperuser(Statement s) throws SQLException {
        return strings(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").equals(List.of("true"));
    }

    static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static UUID uuid(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
