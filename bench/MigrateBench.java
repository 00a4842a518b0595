///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/migrate/package-info.java
//SOURCES ../lib/trading/seed/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java
//SOURCES support/*.java
//SOURCES migrate/*.java

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import trading.db.Database;
import trading.migrate.MigrationListener;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationResult;
import trading.migrate.MigrationSettings;

/**
 * The toolkit against Flyway 13.12.1, Liquibase 4.33.0 and the psql floor, one after
 * another in one run on a throwaway PostgreSQL 15, each measured run on a fresh database:
 * <ul>
 *   <li>migrate the schema plus 500, then plus 5,000 generated migrations;</li>
 *   <li>status (Flyway info, Liquibase status) and an idle migrate on the 500 database;</li>
 *   <li>small-file numbers: files per second over 1,000 migrations, and status on them.</li>
 * </ul>
 * Every tool runs as its own process, timed from start to exit, the toolkit through
 * {@code ./jbang} as a user types it. The runs of each round go round-robin over the tools,
 * so that load from others on the machine falls on all of them alike. Prints markdown
 * tables of median, min and max, in-process time where the tool prints it, and ratios.
 *
 * <pre>./jbang bench/MigrateBench.java [--runs 5] [--sizes 500,5000] [--small-files 1000] [--no-liquibase]</pre>
 */
public class MigrateBench {
    private static final Pattern TOOLKIT_TIME = Pattern.compile("in (\\d+) ms\\.");
    private static final Pattern PEER_TIME = Pattern.compile("in-process-ms: (\\d+)");

    private final Path root;
    private final Path work;
    private final Pg15 pg;
    private final int runs;
    private final Map<String, String> peerClasspaths = new LinkedHashMap<>();
    private final String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private int databases;
    private String machine = "";
    private final Map<Integer, Map<String, Samples>> migrate = new LinkedHashMap<>();
    private Map<String, Samples> status;
    private Map<String, Samples> idle;
    private int statusFiles;
    private Map<String, Samples> smallMigrate;
    private Map<String, Samples> smallStatus;
    private int smallFileCount;
    /** The load average when each phase ended: the machine is shared, and it shows how busy it was. */
    private final Map<String, String> loadAfter = new LinkedHashMap<>();

    private MigrateBench(Path root, Path work, Pg15 pg, int runs) {
        this.root = root;
        this.work = work;
        this.pg = pg;
        this.runs = runs;
    }

    public static void main(String... args) throws Exception {
        int runs = 5;
        List<Integer> sizes = List.of(500, 5000);
        int smallFiles = 1000;
        boolean liquibase = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--small-files" -> smallFiles = Integer.parseInt(args[++i]);
                case "--no-liquibase" -> liquibase = false;
                default -> {
                    System.err.println("usage: MigrateBench [--runs N] [--sizes 500,5000] [--small-files 1000] [--no-liquibase]");
                    System.exit(2);
                }
            }
        }
        Path root = toolkitRoot();
        Path work = Files.createTempDirectory("trading-bench-migrate");
        try (Pg15 pg = Pg15.start("max_connections=50")) {
            MigrateBench bench = new MigrateBench(root, work, pg, runs);
            bench.describeMachine();
            bench.run(sizes, smallFiles, liquibase);
        } finally {
            delete(work);
        }
    }

    private void run(List<Integer> sizes, int smallFiles, boolean liquibase) throws Exception {
        peerClasspaths.put("FlywayRun", classpath("FlywayRun"));
        if (liquibase) {
            peerClasspaths.put("LiquibaseRun", classpath("LiquibaseRun"));
        }
        peerClasspaths.put("BareJdbc", classpath("BareJdbc"));

        int statusSize = sizes.contains(500) ? 500 : sizes.get(0);
        boolean warm = false;
        for (int size : sizes.stream().sorted().toList()) {
            SyntheticMigrations set = SyntheticMigrations.write(work.resolve("set-" + size), root.resolve("migrations"), size);
            List<Contender> contenders = migrateContenders(set, liquibase);
            if (!warm) {
                System.out.println("Warming up (not measured): one migrate of each tool on " + set.files() + " files...");
                for (Contender c : contenders) {
                    String db = freshDatabase();
                    c.run(db, log(c.name()));
                    dropDatabase(db);
                }
                warm = true;
            }
            Map<String, String> lastDatabases = new LinkedHashMap<>();
            migrate.put(size, measure("migrate " + set.files() + " files", contenders, true, lastDatabases, set));
            loadAfter.put("migrate " + size, loadAverage());
            printMigrate(size);
            if (size == statusSize) {
                statusFiles = set.files();
                status = measureOn("status", statusContenders(set, liquibase), lastDatabases);
                loadAfter.put("status", loadAverage());
                printStatus();
                idle = measureOn("idle migrate", idleContenders(set, liquibase), lastDatabases);
                loadAfter.put("idle", loadAverage());
                printIdle();
                if (smallFiles > 0) {
                    measureSmallFiles(smallFiles);
                    printSmallFiles();
                }
            }
            for (String db : lastDatabases.values()) {
                dropDatabase(db);
            }
        }

        System.out.println();
        System.out.println("## Results (" + runs + " runs each; wall = whole process, start to exit; ms)");
        System.out.println();
        System.out.println("Machine: " + machine + "; load average at the end " + loadAverage() + ".");
        System.out.println();
        migrate.keySet().forEach(this::printMigrate);
        printStatus();
        printIdle();
        Goals.print(migrate, status, idle, schemaFiles());
        printSmallFiles();
    }

    private void measureSmallFiles(int count) throws Exception {
        SyntheticMigrations set = SyntheticMigrations.write(work.resolve("set-smallFiles"), root.resolve("migrations"), count);
        List<Contender> toolkitOnly = migrateContenders(set, false).subList(0, 2);
        Map<String, String> last = new LinkedHashMap<>();
        smallFileCount = set.files();
        smallMigrate = measure("small files: migrate " + set.files() + " files", toolkitOnly, true, last, set);
        smallStatus = measureOn("small files: status", statusContenders(set, false).subList(0, 1), last);
        for (String db : last.values()) {
            dropDatabase(db);
        }
    }

    private void printMigrate(int size) {
        int files = size + 2;
        Table.print("Migrate: schema + " + size + " generated (" + files + " files), fresh database each run",
                migrate.get(size), "toolkit", files, loadAfter.get("migrate " + size));
    }

    private void printStatus() {
        if (status != null) {
            Table.print("Status on the " + statusFiles + "-file database (Flyway info, Liquibase status)", status,
                    "toolkit status", 0, loadAfter.get("status"));
        }
    }

    private void printIdle() {
        if (idle != null) {
            Table.print("Idle migrate on the " + statusFiles + "-file database (nothing pending)", idle,
                    "toolkit migrate", 0, loadAfter.get("idle"));
        }
    }

    private void printSmallFiles() {
        if (smallMigrate == null) {
            return;
        }
        Samples whole = smallMigrate.get("toolkit");
        Samples library = smallMigrate.get("toolkit library");
        int files = smallFileCount;
        System.out.println("### " + files + " small migrations");
        System.out.println();
        System.out.printf("- migrate, whole process (`./jbang migrate@trading`): median %d ms = **%.0f files/s**"
                + " (min %d, max %d)%n", whole.median(), files * 1000.0 / whole.median(), whole.min(), whole.max());
        whole.inProcessMedian().ifPresent(ms -> System.out.printf(
                "- migrate, engine time printed by the command: median %d ms = **%.0f files/s**%n", ms, files * 1000.0 / ms));
        System.out.printf("- migrate, library in the bench JVM (`MigrationManager.runMigrations()`): median %d ms ="
                + " **%.0f files/s**%n", library.median(), files * 1000.0 / library.median());
        Samples st = smallStatus.get("toolkit status");
        System.out.printf("- status on %d applied migrations (`./jbang status@trading`): median **%d ms** (min %d, max %d)%n",
                files, st.median(), st.min(), st.max());
        System.out.println();
    }

    /** Something that runs one tool's command on one database and times it. */
    private interface Action {
        Samples.Run run(String database, Path log) throws Exception;
    }

    private record Contender(String name, Action action) {
        Samples.Run run(String database, Path log) throws Exception {
            return action.run(database, log);
        }
    }

    private List<Contender> migrateContenders(SyntheticMigrations set, boolean liquibase) {
        List<Contender> list = new ArrayList<>();
        list.add(new Contender("toolkit", (db, log) -> toolkit("migrate", db, set, Map.of()).run(log)));
        list.add(new Contender("toolkit library", (db, log) -> library(db, set)));
        list.add(new Contender("Flyway 13.12.1", (db, log) -> peer("FlywayRun", "migrate", db, set.flywayDir()).run(log)));
        if (liquibase) {
            list.add(new Contender("Liquibase 4.33.0",
                    (db, log) -> peer("LiquibaseRun", "update", db, set.liquibaseChangelog()).run(log)));
        }
        list.add(new Contender("psql floor", (db, log) -> new TimedProcess(List.of("psql", "-X", "-q", "-h", "127.0.0.1",
                "-p", String.valueOf(pg.port()), "-U", "postgres", "-d", db, "-f", set.psqlDriver().toString()),
                Map.of(), null).run(log)));
        return list;
    }

    private List<Contender> statusContenders(SyntheticMigrations set, boolean liquibase) {
        List<Contender> list = onMigratedDatabase(set, "status", List.of("info"), liquibase ? "status" : null);
        list.add(new Contender("bare JVM + JDBC count(*)", (db, log) -> new TimedProcess(List.of(javaBinary, "-cp",
                peerClasspaths.get("BareJdbc"), "BareJdbc", pg.jdbcUrl(db), "schema_migrations"), Map.of(), PEER_TIME)
                .run(log)));
        return list;
    }

    private List<Contender> idleContenders(SyntheticMigrations set, boolean liquibase) {
        return onMigratedDatabase(set, "migrate", List.of("migrate", "info"), liquibase ? "update" : null);
    }

    /** The toolkit's command through the fast path and through JBang, then the peers' commands for the same job. */
    private List<Contender> onMigratedDatabase(SyntheticMigrations set, String toolkitCommand, List<String> flywayCommands,
                                               String liquibaseCommand) {
        List<Contender> list = new ArrayList<>();
        list.add(new Contender("toolkit " + toolkitCommand, (db, log) -> toolkit(toolkitCommand, db, set, Map.of()).run(log)));
        list.add(new Contender("toolkit " + toolkitCommand + " via JBang (no fast path)",
                (db, log) -> toolkit(toolkitCommand, db, set, Map.of("TRADING_FAST_LAUNCH", "0")).run(log)));
        for (String command : flywayCommands) {
            list.add(new Contender("Flyway " + command, (db, log) -> peer("FlywayRun", command, db, set.flywayDir()).run(log)));
        }
        if (liquibaseCommand != null) {
            list.add(new Contender("Liquibase " + liquibaseCommand,
                    (db, log) -> peer("LiquibaseRun", liquibaseCommand, db, set.liquibaseChangelog()).run(log)));
        }
        return list;
    }

    /** Which migrated database each read-only or idle contender works on. */
    private static String databaseFor(String contender, Map<String, String> databases) {
        if (contender.startsWith("toolkit") || contender.startsWith("bare")) {
            return databases.get("toolkit");
        }
        if (contender.startsWith("Flyway")) {
            return databases.get("Flyway 13.12.1");
        }
        return databases.get("Liquibase 4.33.0");
    }

    /** Runs every contender {@code runs} times, each on a fresh database; keeps the last database of each. */
    private Map<String, Samples> measure(String title, List<Contender> contenders, boolean verify,
                                         Map<String, String> lastDatabases, SyntheticMigrations set) throws Exception {
        Map<String, Samples> samples = new LinkedHashMap<>();
        contenders.forEach(c -> samples.put(c.name(), new Samples()));
        for (int round = 0; round < runs; round++) {
            for (int k = 0; k < contenders.size(); k++) {
                Contender c = contenders.get((k + round) % contenders.size());
                String db = freshDatabase();
                Samples.Run run = c.run(db, log(c.name()));
                if (verify) {
                    verifyApplied(c.name(), db, set.files());
                }
                samples.get(c.name()).add(run);
                report(title, round, c.name(), run);
                String previous = lastDatabases.put(c.name(), db);
                if (previous != null) {
                    dropDatabase(previous);
                }
            }
        }
        return samples;
    }

    /** Runs every contender {@code runs} times on the database already migrated by its own tool. */
    private Map<String, Samples> measureOn(String title, List<Contender> contenders, Map<String, String> databases)
            throws Exception {
        Map<String, Samples> samples = new LinkedHashMap<>();
        contenders.forEach(c -> samples.put(c.name(), new Samples()));
        for (Contender c : contenders) {
            c.run(databaseFor(c.name(), databases), log(c.name()));
        }
        for (int round = 0; round < runs; round++) {
            for (int k = 0; k < contenders.size(); k++) {
                Contender c = contenders.get((k + round) % contenders.size());
                Samples.Run run = c.run(databaseFor(c.name(), databases), log(c.name()));
                samples.get(c.name()).add(run);
                report(title, round, c.name(), run);
            }
        }
        return samples;
    }

    private static void report(String title, int round, String name, Samples.Run run) {
        System.out.printf("  %-28s run %d  %-42s %6d ms%s%n", title, round + 1, name, run.wallMillis(),
                run.inProcessMillis().isPresent() ? " (in-process " + run.inProcessMillis().getAsLong() + " ms)" : "");
    }

    private TimedProcess toolkit(String command, String db, SyntheticMigrations set, Map<String, String> env) {
        return new TimedProcess(List.of(root.resolve("jbang").toString(), command + "@trading", "--url", pg.url(db),
                "--migrations", set.toolkitDir().toString()), env, TOOLKIT_TIME);
    }

    private TimedProcess peer(String main, String command, String db, Path location) {
        return new TimedProcess(List.of(javaBinary, "-cp", peerClasspaths.get(main), main, command, pg.jdbcUrl(db),
                location.toString()), Map.of(), PEER_TIME);
    }

    /** The engine as an application calls it, inside this JVM: wall time is the call itself. */
    private Samples.Run library(String db, SyntheticMigrations set) {
        long start = System.nanoTime();
        try (Database database = Database.open(pg.url(db), "trading-db bench");
             MigrationManager manager = new MigrationManager(database, MigrationSettings.defaults(set.toolkitDir()),
                     MigrationListener.SILENT)) {
            MigrationResult result = manager.runMigrations();
            if (result.failure().isPresent()) {
                throw new IllegalStateException(result.failure().get().getMessage());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Samples.Run(millis, OptionalLong.of(millis));
    }

    /** Fails the bench when a tool "finished" without applying every file. */
    private void verifyApplied(String contender, String db, int files) throws SQLException {
        String table = contender.startsWith("toolkit") ? "schema_migrations WHERE success"
                : contender.startsWith("Flyway") ? "flyway_schema_history WHERE success AND version IS NOT NULL"
                : contender.startsWith("Liquibase") ? "databasechangelog" : "floor_history";
        long applied = count(db, "SELECT count(*) FROM " + table);
        long views = count(db, "SELECT count(*) FROM pg_views WHERE viewname LIKE 'bench_v%'");
        if (applied != files || views != (files - 2 + 1) / 4) {
            throw new IllegalStateException(contender + " recorded " + applied + " of " + files + " files and made "
                    + views + " views in " + db);
        }
    }

    private long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db)); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String freshDatabase() throws SQLException {
        String name = "bench_" + (++databases);
        admin("CREATE DATABASE " + name);
        return name;
    }

    private void dropDatabase(String name) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Path log(String contender) {
        return work.resolve(contender.replaceAll("[^A-Za-z0-9]+", "-") + ".log");
    }

    /** The classpath of a peer script under bench/peers, built by JBang once. */
    private String classpath(String peer) throws IOException, InterruptedException {
        String script = root.resolve("bench/peers/" + peer + ".java").toString();
        Process build = new ProcessBuilder(root.resolve("jbang").toString(), "build", script).inheritIO().start();
        Process p = build.waitFor() != 0 ? build : new ProcessBuilder(root.resolve("jbang").toString(), "info",
                "classpath", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String classpath = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0 || classpath.isEmpty()) {
            throw new IllegalStateException("JBang could not build bench/peers/" + peer + ".java");
        }
        return classpath;
    }

    private void describeMachine() throws IOException, SQLException {
        String load = loadAverage();
        String server;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres")); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            server = r.getString(1);
        }
        machine = Runtime.getRuntime().availableProcessors() + " cores, load average at start " + load
                + "; Java " + System.getProperty("java.version") + "; PostgreSQL " + server;
        System.out.println("Machine: " + machine + "; port " + pg.port() + "; toolkit at " + root);
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The project's own up migrations, which every generated set starts with. */
    private int schemaFiles() throws IOException {
        try (var files = Files.list(root.resolve("migrations"))) {
            return (int) files.filter(f -> f.toString().endsWith(".sql") && !f.toString().endsWith(".down.sql")).count();
        }
    }

    /** The checkout: TRADING_ROOT (set by ./jbang), else the nearest folder up that holds jbang-catalog.json. */
    private static Path toolkitRoot() {
        String fromLauncher = System.getenv("TRADING_ROOT");
        if (fromLauncher != null && Files.isRegularFile(Path.of(fromLauncher, "jbang-catalog.json"))) {
            return Path.of(fromLauncher);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang-catalog.json")) && Files.isRegularFile(dir.resolve("jbang"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from the trading-db checkout: ./jbang bench/MigrateBench.java");
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
