///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/migrate/package-info.java
//SOURCES ../lib/trading/seed/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java
//SOURCES support/*.java

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import trading.db.Environment;
import trading.db.ToolkitHome;
import trading.query.BoundQuery;
import trading.query.CannedQuery;
import trading.query.QueryPlan;
import trading.query.QueryRunner;

/**
 * How fast are the canned queries, and does each start from an index at scale?
 * <ol>
 * <li>A throwaway PostgreSQL 15 gets the migrations and COUNT recommendations from
 *     {@code seed@trading} (default 1,000,000), then VACUUM ANALYZE.</li>
 * <li>Each query's EXPLAIN ANALYZE must read recommendations through an index, unless
 *     it reads more than 10% of them, where a sequential scan is the better plan
 *     (exit 1 otherwise).</li>
 * <li>Latency, p50 and p99, of each query run through the toolkit's core
 *     ({@link QueryRunner}: bind, execute, read every row into Java values, json parsed)
 *     against the baseline, the same SQL run by {@code pgbench -M prepared -f} in the same
 *     run, on one connection each. ROUNDS rounds alternate the two; medians are printed
 *     with the ratio core/pgbench (target: at most 1.20).</li>
 * <li>Whole-process wall time of one {@code ./jbang query@trading symbol AAPL --limit 20},
 *     warm (everything built and cached): through JBang without and with class-data
 *     sharing, through the launcher's fast path, and as plain {@code java} with and
 *     without an AppCDS archive and C1 only. Median of RUNS each; RUNS 0 skips this.</li>
 * </ol>
 * The machine has 2 cores that others share: numbers are noisy, hence medians of rounds.
 * <pre>./jbang bench/QueryBench.java [COUNT] [ROUNDS] [RUNS]</pre>
 */
public class QueryBench {
    /** One measured query: a label and the arguments, as a user would give them. */
    record Scenario(String label, CannedQuery query, Map<String, String> arguments) {
        BoundQuery bound() {
            return query.bind(arguments);
        }
    }

    /** Latencies in milliseconds. */
    record Latency(double mean, double p50, double p99) {
        static Latency of(List<Double> millis) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double mean = Arrays.stream(sorted).average().orElse(0);
            return new Latency(mean, sorted[rank(sorted.length, 0.50)], sorted[rank(sorted.length, 0.99)]);
        }

        private static int rank(int n, double p) {
            return Math.max(0, (int) Math.ceil(p * n) - 1);
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("symbol AAPL --limit 20", CannedQuery.SYMBOL, Map.of("symbol", "AAPL", "limit", "20")),
            new Scenario("symbol AAPL (all rows)", CannedQuery.SYMBOL, Map.of("symbol", "AAPL")),
            new Scenario("with-options --days 1", CannedQuery.WITH_OPTIONS, Map.of("days", "1")),
            new Scenario("with-options (7 days)", CannedQuery.WITH_OPTIONS, Map.of()),
            new Scenario("top-buys (defaults)", CannedQuery.TOP_BUYS, Map.of()),
            new Scenario("full NVDA", CannedQuery.FULL, Map.of("symbol", "NVDA")));

    /** Each timed batch aims at about this long, so fast and slow queries get comparable effort. */
    static final double BATCH_MILLIS = 1_500;

    public static void main(String... args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path root = ToolkitHome.locate(Environment.current()).root();
        Path work = Files.createTempDirectory("query-bench");
        boolean failed = false;
        try (Pg15 pg = Pg15.start("shared_buffers=512MB", "max_wal_size=4GB")) {
            String url = pg.url(pg.createDatabase("bench"));
            System.out.printf("PostgreSQL 15 on port %d; loading %,d recommendations with seed@trading...%n",
                    pg.port(), count);
            long start = System.nanoTime();
            toolkit(root, work, "migrate@trading", "--url", url);
            toolkit(root, work, "seed@trading", "--url", url, "--count", String.valueOf(count));
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("bench")); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
            System.out.printf("loaded in %.0f s%n%n", (System.nanoTime() - start) / 1e9);

            boolean plansOk = plans(pg);
            latencies(pg, work, rounds);
            if (runs > 0) {
                wallTimes(root, work, url, runs);
            }
            if (!plansOk) {
                System.out.println("FAILED: a plan does not read recommendations through an index (see above).");
                failed = true;
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // Only now: System.exit inside the try would skip stopping PostgreSQL and deleting the files.
        System.exit(failed ? 1 : 0);
    }

    // ---- plans --------------------------------------------------------------------------

    static boolean plans(Pg15 pg) throws Exception {
        System.out.println("== Plans (EXPLAIN ANALYZE): each query should read recommendations through an index."
                + "\n   One that reads more than " + (int) (WHOLE_TABLE_SHARE * 100) + "% of recommendations is"
                + " excused: there PostgreSQL rightly prefers a sequential scan.");
        boolean ok = true;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("bench")); Statement s = c.createStatement()) {
            long total;
            try (var rs = s.executeQuery("SELECT count(*) FROM recommendations")) {
                rs.next();
                total = rs.getLong(1);
            }
            QueryRunner runner = new QueryRunner(c);
            for (Scenario scenario : SCENARIOS) {
                QueryPlan plan = runner.explain(scenario.bound(), true);
                double share = (double) rowsRead(plan, "recommendations") / total;
                // A hash join may still read a smaller table whole; that is the planner's call, and shown.
                boolean indexed = plan.usesIndex() && !plan.sequentialScans().contains("recommendations");
                String verdict = indexed ? "ok" : share > WHOLE_TABLE_SHARE ? "excused" : "FAIL";
                ok &= !verdict.equals("FAIL");
                System.out.printf(Locale.ROOT, "%-24s %-7s reads %5.2f%% of recommendations: %s%n", scenario.label(),
                        verdict, share * 100, summary(plan));
                if (!verdict.equals("ok")) {
                    plan.lines().forEach(line -> System.out.println("      " + line));
                }
            }
        }
        System.out.println();
        return ok;
    }

    /** Above this share of the table, a sequential scan is the better plan and no index is expected. */
    static final double WHOLE_TABLE_SHARE = 0.10;

    private static final Pattern ACTUAL_ROWS = Pattern.compile("actual time=\\S+ rows=(\\d+) loops=(\\d+)");

    /** Rows the scan nodes on {@code table} returned (rows x loops), from EXPLAIN ANALYZE. */
    static long rowsRead(QueryPlan plan, String table) {
        long rows = 0;
        for (String line : plan.lines()) {
            Matcher m = ACTUAL_ROWS.matcher(line);
            if (line.contains(" Scan ") && line.contains(" on " + table + " ") && m.find()) {
                rows += Long.parseLong(m.group(1)) * Long.parseLong(m.group(2));
            }
        }
        return rows;
    }

    /** The scan nodes and the execution time: enough to see what the plan reads. */
    static String summary(QueryPlan plan) {
        List<String> parts = new ArrayList<>();
        for (String line : plan.lines()) {
            String node = line.strip().replaceFirst("^->\\s*", "");
            if (node.contains(" Scan ")) {
                parts.add(node.replaceAll("\\s+\\(.*", ""));
            } else if (node.startsWith("Execution Time")) {
                parts.add(node.replace("Execution Time: ", "exec "));
            }
        }
        return String.join("; ", parts);
    }

    // ---- latency: core vs pgbench -------------------------------------------------------

    static void latencies(Pg15 pg, Path work, int rounds) throws Exception {
        System.out.printf("== Latency, ms: toolkit core vs pgbench -M prepared, same SQL, one connection each;"
                + " median of %d rounds%n", rounds);
        System.out.printf("%-24s %5s | %-21s | %-21s | %-21s%n", "", "", "       mean", "        p50",
                "        p99");
        System.out.printf("%-24s %5s | %7s %7s %5s | %7s %7s %5s | %7s %7s %5s%n", "query", "n", "core", "pgbench",
                "ratio", "core", "pgbench", "ratio", "core", "pgbench", "ratio");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("bench"))) {
            QueryRunner runner = new QueryRunner(c);
            for (Scenario scenario : SCENARIOS) {
                Path script = pgbenchScript(work, scenario);
                List<String> variables = pgbenchVariables(scenario);
                int n = iterations(runner, scenario);
                pgbench(pg, work, script, variables, Math.min(n, 200)); // warms the server side for pgbench's session too
                List<Latency> core = new ArrayList<>();
                List<Latency> baseline = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    core.add(core(runner, scenario, n));
                    baseline.add(pgbench(pg, work, script, variables, n));
                }
                System.out.println(String.format("%-24s %5d", scenario.label(), n)
                        + compare(core, baseline, Latency::mean) + compare(core, baseline, Latency::p50)
                        + compare(core, baseline, Latency::p99));
            }
        }
        System.out.println("Medians over rounds of each round's mean, p50 and p99; ratio = core / pgbench, target <= 1.20.");
        System.out.println("pgbench's per-transaction log reads a lazily updated clock, so below ~0.1 ms some"
                + " transactions log 0 and the next one the rest: trust its mean there, not its p50/p99.");
        System.out.println();
    }

    /** " | core pgbench ratio" for one statistic, each the median over the rounds. */
    static String compare(List<Latency> core, List<Latency> baseline, ToDoubleFunction<Latency> statistic) {
        double ours = median(core.stream().map(statistic::applyAsDouble).toList());
        double theirs = median(baseline.stream().map(statistic::applyAsDouble).toList());
        return String.format(Locale.ROOT, " | %7.3f %7.3f %5.2f", ours, theirs, ours / theirs);
    }

    /** Enough iterations for a batch of about BATCH_MILLIS, after warming the JIT and pgjdbc's statement cache. */
    static int iterations(QueryRunner runner, Scenario scenario) {
        // Long enough for C2 to compile the row-reading code: the first thousand runs are several times slower.
        List<Double> warm = new ArrayList<>();
        long until = System.nanoTime() + 6_000_000_000L;
        while (warm.size() < 3_000 && (warm.size() < 6 || System.nanoTime() < until)) {
            long start = System.nanoTime();
            runner.run(scenario.bound());
            warm.add((System.nanoTime() - start) / 1e6);
        }
        double typical = median(warm.subList(warm.size() * 3 / 4, warm.size()));
        return (int) Math.max(20, Math.min(3_000, BATCH_MILLIS / typical));
    }

    static Latency core(QueryRunner runner, Scenario scenario, int n) {
        List<Double> millis = new ArrayList<>(n);
        long rows = 0;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            rows += runner.run(scenario.bound()).rows().size();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        if (rows == 0 && scenario.query() != CannedQuery.WITH_OPTIONS) {
            throw new IllegalStateException(scenario.label() + " returned no rows: the benchmark data is wrong");
        }
        return Latency.of(millis);
    }

    /** The catalogue's SQL with each ? as pgbench variable :p1, :p2, ...; a null value is written as NULL. */
    static Path pgbenchScript(Path work, Scenario scenario) throws IOException {
        BoundQuery bound = scenario.bound();
        StringBuilder sql = new StringBuilder();
        int parameter = 0;
        for (char ch : scenario.query().sql().toCharArray()) {
            if (ch == '?') {
                Object value = bound.values().get(parameter++);
                sql.append(value == null ? "NULL" : ":p" + parameter);
            } else {
                sql.append(ch);
            }
        }
        Path script = work.resolve(scenario.query().queryName() + "-" + Math.abs(scenario.label().hashCode()) + ".sql");
        Files.writeString(script, sql + ";\n");
        return script;
    }

    static List<String> pgbenchVariables(Scenario scenario) {
        List<String> variables = new ArrayList<>();
        List<Object> values = scenario.bound().values();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                variables.addAll(List.of("-D", "p" + (i + 1) + "=" + values.get(i)));
            }
        }
        return variables;
    }

    /** Runs pgbench for n transactions on one connection and reads each latency from its log. */
    static Latency pgbench(Pg15 pg, Path work, Path script, List<String> variables, int n) throws Exception {
        Path logs = Files.createTempDirectory(work, "pgbench-log");
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", "1", "-j", "1",
                "-t", String.valueOf(n), "-f", script.toString(), "-l", "--log-prefix=" + logs.resolve("tx"),
                "-h", "127.0.0.1", "-p", String.valueOf(pg.port()), "-U", "postgres"));
        command.addAll(variables);
        command.add("bench");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        List<Double> millis = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                for (String line : Files.readAllLines(log)) {
                    // client_id transaction_no time_us script_no time_epoch time_us_part
                    millis.add(Long.parseLong(line.split(" ")[2]) / 1000.0);
                }
            }
        }
        if (millis.size() != n) {
            throw new IllegalStateException("pgbench logged " + millis.size() + " of " + n + " transactions:\n" + output);
        }
        return Latency.of(millis);
    }

    // ---- whole-process wall time ----------------------------------------------------------

    static void wallTimes(Path root, Path work, String url, int runs) throws Exception {
        System.out.printf("== Wall time of one process, warm (built and cached), median of %d runs, ms%n", runs);
        List<String> query = List.of("symbol", "AAPL", "--limit", "20", "--url", url);
        // JBang names the jar by a hash of the sources; build first so that jar exists.
        toolkit(root, work, "build", "query.java");
        String classpath = toolkitOutput(root, work, "info", "classpath", "query.java").strip();
        Path archive = work.resolve("query.jsa");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // The first line goes through JBang (the launcher's fast path only takes NAME@trading
        // as the first argument); the second is the fast path, with its class-data archive.
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        variants.put("./jbang run --no-cds query@trading (through JBang)", concat(List.of("./jbang", "run",
                "--no-cds", "query@trading"), query));
        variants.put("./jbang query@trading (launcher fast path)", concat(List.of("./jbang", "query@trading"), query));
        variants.put("java -cp ... query", concat(List.of(java, "-cp", classpath, "query"), query));
        variants.put("java, C1 only", concat(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", classpath, "query"), query));
        variants.put("java + AppCDS archive", concat(List.of(java, "-XX:SharedArchiveFile=" + archive, "-cp",
                classpath, "query"), query));
        variants.put("java + AppCDS + C1 only", concat(List.of(java, "-XX:SharedArchiveFile=" + archive,
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "query"), query));
        List<String> all = List.of("symbol", "AAPL", "--url", url);
        variants.put("java, symbol AAPL (all rows)", concat(List.of(java, "-cp", classpath, "query"), all));
        variants.put("java + AppCDS + C1, symbol AAPL (all rows)", concat(List.of(java, "-XX:SharedArchiveFile="
                + archive, "-XX:TieredStopAtLevel=1", "-cp", classpath, "query"), all));

        // The archive holds the classes one run loaded, written when that run exits.
        run(root, work, concat(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-cp", classpath, "query"), query),
                Map.of());
        double baseline = 0;
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            Map<String, String> env = variant.getKey().contains("fast path") ? Map.of()
                    : Map.of("TRADING_FAST_LAUNCH", "0");
            run(root, work, variant.getValue(), env); // the first run may build or write caches
            List<Double> millis = new ArrayList<>();
            int rebuilds = 0;
            while (millis.size() < runs && rebuilds < 3 * runs) {
                Run run = run(root, work, variant.getValue(), env);
                // Others edit the shared sources meanwhile; a run that rebuilt is not a warm run.
                if (run.rebuilt()) {
                    rebuilds++;
                } else {
                    millis.add(run.millis());
                }
            }
            if (millis.isEmpty()) {
                System.out.printf("%-44s every run rebuilt: the sources keep changing%n", variant.getKey());
                continue;
            }
            double median = median(millis);
            if (baseline == 0) {
                baseline = median;
            }
            System.out.printf(Locale.ROOT, "%-44s %7.0f   %.2fx%s%n", variant.getKey(), median, median / baseline,
                    rebuilds > 0 ? "   (" + rebuilds + " runs that rebuilt left out)" : "");
        }
        System.out.println("x = time / the first line's.");
    }

    /** One process run: its wall time, and whether JBang had to build first. */
    record Run(double millis, boolean rebuilt) { }

    /** Runs a command from the toolkit's root with stdout discarded. */
    static Run run(Path root, Path work, List<String> command, Map<String, String> env) throws Exception {
        Path stderr = work.resolve("last-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put("TRADING_HOME", work.resolve("home").toString());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(stderr));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new Run(millis, Files.readString(stderr).contains("Building jar"));
    }

    static void toolkit(Path root, Path work, String... args) throws Exception {
        run(root, work, concat(List.of("./jbang"), Arrays.asList(args)), Map.of());
    }

    static String toolkitOutput(Path root, Path work, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(List.of("./jbang"), Arrays.asList(args)))
                .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TRADING_HOME", work.resolve("home").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("./jbang " + String.join(" ", args) + " failed");
        }
        return output;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
