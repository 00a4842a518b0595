///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/cli/package-info.java
//SOURCES ../lib/trading/migrate/package-info.java
//SOURCES ../lib/trading/seed/package-info.java
//SOURCES ../lib/trading/query/package-info.java
//SOURCES ../lib/trading/view/package-info.java
//SOURCES support/*.java
//SOURCES seed/*.java

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import trading.db.Database;
import trading.db.Environment;
import trading.db.ToolkitHome;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationResult;
import trading.seed.CopyBatch;
import trading.seed.RecommendationSeeder;
import trading.seed.SeedCounts;
import trading.seed.SeedListener;
import trading.seed.SeedSettings;
import trading.seed.SeedTable;
import trading.seed.SyntheticRecommendations;

/**
 * How close does seed come to raw COPY? One run on a fresh PostgreSQL 15 with the
 * schema applied (fsync on, autovacuum off so no background work lands in a
 * measurement, a CHECKPOINT and empty tables before every run) loads the same COUNT
 * recommendations (default 200,000) with their targets and options in five ways:
 * <ol>
 * <li>seed through the core, in this JVM ({@link RecommendationSeeder});</li>
 * <li>{@code ./jbang seed@trading --url ...}, the whole process as a user runs it;</li>
 * <li>{@code psql \copy} from pre-written files in COPY's text format (the very bytes
 *     seed streams) and</li>
 * <li>from CSV files of the same rows: together the physical floor for loading;</li>
 * <li>plain JDBC batched INSERTs of the same rows, the naive baseline.</li>
 * </ol>
 * ROUNDS rounds (default 3) rotate the order; medians are printed, with the ratios
 * seed ÷ COPY and seed ÷ batched INSERT (throughput), the server's CPU seconds (which,
 * unlike wall time, hardly move when other work shares the two cores), and memory. Last,
 * {@code seed@trading} runs with its heap capped at 64 MB for COUNT and for 1,000,000
 * recommendations: the same peak RSS for both shows that memory does not grow with N.
 * <pre>./jbang bench/SeedBench.java [COUNT] [ROUNDS] [--no-million]</pre>
 */
public class SeedBench {
    static final long RANDOM_SEED = SeedSettings.DEFAULT_RANDOM_SEED;

    /** One measured load. {@code peakBytes} is -1 when not measured. */
    record Sample(double wallSeconds, double serverCpuSeconds, long peakBytes) { }

    /** A way of loading the rows; returns the peak memory it saw, or -1. */
    interface Loader {
        long load() throws Exception;
    }

    private final Pg15 pg;
    private final String database;
    private final Path work;
    private final Path root;
    private final long count;
    private final LocalDate anchor = LocalDate.now(ZoneOffset.UTC);
    private Connection admin;
    private ServerCpu serverCpu;
    private int idleChildren;
    private SeedCounts expected;

    SeedBench(Pg15 pg, String database, Path work, Path root, long count) {
        this.pg = pg;
        this.database = database;
        this.work = work;
        this.root = root;
        this.count = count;
    }

    public static void main(String... args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean million = true;
        for (String a : args) {
            if (a.equals("--no-million")) {
                million = false;
            } else {
                positional.add(a);
            }
        }
        long count = positional.size() > 0 ? Long.parseLong(positional.get(0).replace("_", "")) : 200_000;
        int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        Path root = ToolkitHome.locate(Environment.current()).root();
        Path work = Files.createTempDirectory("seed-bench");
        try (Pg15 pg = Pg15.start("max_wal_size=8GB", "checkpoint_timeout=1h", "autovacuum=off")) {
            SeedBench bench = new SeedBench(pg, pg.createDatabase("seedbench"), work, root, count);
            bench.run(rounds, million);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    void run(int rounds, boolean million) throws Exception {
        try (MigrationManager migrations = new MigrationManager(pg.url(database))) {
            MigrationResult result = migrations.runMigrations();
            if (result.failed() > 0) {
                throw new IllegalStateException("the migrations failed: " + result.failure().orElseThrow().getMessage());
            }
        }
        admin = DriverManager.getConnection(pg.jdbcUrl(database));
        admin.setAutoCommit(true);
        serverCpu = ServerCpu.ofBackend(admin.unwrap(org.postgresql.PGConnection.class).getBackendPID());
        idleChildren = serverCpu.childCount();

        System.out.printf(Locale.ROOT, "SeedBench: %,d recommendations, %d rounds, PostgreSQL 15 on port %d, load average %s%n",
                count, rounds, pg.port(), loadAverage());
        expected = writeTextFiles();
        System.out.printf(Locale.ROOT, "the rows: %,d recommendations, %,d targets, %,d option ideas, %,d option targets"
                + " = %,d rows%n", expected.recommendations(), expected.targets(), expected.optionIdeas(),
                expected.optionTargets(), expected.total());
        // Warm-up, untimed: JBang's build of seed.java, the JIT, the server's caches, the source of the CSV files.
        emptyTables();
        seedProcess(List.of(), 100);
        emptyTables();
        seedInProcess();
        verify("warm-up");
        exportCsv();

        Map<String, Loader> loaders = new LinkedHashMap<>();
        loaders.put("seed, core in-process", this::seedInProcess);
        loaders.put("seed@trading, whole process", () -> seedProcess(List.of(), count));
        loaders.put("psql \\copy, text files", () -> psqlCopy("txt", ""));
        loaders.put("psql \\copy, CSV files", () -> psqlCopy("csv", " WITH (FORMAT csv)"));
        loaders.put("JDBC batched INSERT", () -> {
            BatchedInserts.load(pg.jdbcUrl(database), count, RANDOM_SEED, anchor, SeedSettings.DEFAULT_BATCH_SIZE);
            return -1;
        });
        List<String> names = new ArrayList<>(loaders.keySet());
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        names.forEach(n -> samples.put(n, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                Sample s = measure(name, loaders.get(name));
                samples.get(name).add(s);
                System.out.printf(Locale.ROOT, "  round %d  %-30s %7.2f s  server CPU %6.2f s  load %s%n", round + 1,
                        name, s.wallSeconds(), s.serverCpuSeconds(), loadAverage());
            }
        }
        report(samples);

        // Constant memory: with the heap capped at 64 MB, the peak RSS is the same for 5x the rows.
        cappedRun(count);
        if (million) {
            cappedRun(1_000_000);
        }
        admin.close();
    }

    /** {@code seed@trading --count n} as a whole process with a 64 MB heap: its time and peak RSS. */
    private void cappedRun(long n) throws Exception {
        emptyTables();
        double cpuBefore = serverCpu.seconds();
        long start = System.nanoTime();
        long peak = seedProcess(List.of("-R-Xmx64m"), n);
        double wall = (System.nanoTime() - start) / 1e9;
        serverCpu.awaitChildren(idleChildren);
        long loaded = countRows("recommendations");
        if (loaded != n) {
            throw new IllegalStateException("expected " + n + " recommendations, found " + loaded);
        }
        System.out.printf(Locale.ROOT, "%nseed@trading --count %d, whole process, heap capped at 64 MB: %.1f s,"
                + " %,d rows/s, peak RSS %s, server CPU %.1f s, load %s%n", n, wall, Math.round(countAllRows() / wall),
                megabytes(peak), serverCpu.seconds() - cpuBefore, loadAverage());
    }

    private Sample measure(String name, Loader loader) throws Exception {
        emptyTables();
        System.gc();
        double cpuBefore = serverCpu.seconds();
        long start = System.nanoTime();
        long peak = loader.load();
        double wall = (System.nanoTime() - start) / 1e9;
        serverCpu.awaitChildren(idleChildren);
        double cpu = serverCpu.seconds() - cpuBefore;
        verify(name);
        return new Sample(wall, cpu, peak);
    }

    private void report(Map<String, List<Sample>> samples) {
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds (%,d rows each; wall time is noisy on this shared"
                + " 2-core machine, server CPU much less so)%n", samples.values().iterator().next().size(), expected.total());
        System.out.printf(Locale.ROOT, "%-30s %9s %9s %9s %11s %13s %12s%n", "loader", "median s", "min s", "max s",
                "rows/s", "server CPU s", "peak memory");
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            List<Sample> s = e.getValue();
            double wall = median(s.stream().mapToDouble(Sample::wallSeconds).toArray());
            long peak = s.stream().mapToLong(Sample::peakBytes).max().orElse(-1);
            System.out.printf(Locale.ROOT, "%-30s %9.2f %9.2f %9.2f %,11.0f %13.2f %12s%n", e.getKey(), wall,
                    s.stream().mapToDouble(Sample::wallSeconds).min().orElse(0),
                    s.stream().mapToDouble(Sample::wallSeconds).max().orElse(0), expected.total() / wall,
                    median(s.stream().mapToDouble(Sample::serverCpuSeconds).toArray()), megabytes(peak));
        }
        double seed = medianWall(samples, "seed, core in-process");
        double process = medianWall(samples, "seed@trading, whole process");
        double copy = Math.min(medianWall(samples, "psql \\copy, text files"), medianWall(samples, "psql \\copy, CSV files"));
        double insert = medianWall(samples, "JDBC batched INSERT");
        System.out.printf(Locale.ROOT, "%nthroughput ratios (of medians; COPY = the faster of the two \\copy runs):%n");
        System.out.printf(Locale.ROOT, "  seed in-process   / raw COPY        = %.2f   (goal: at least 0.80)%n", copy / seed);
        System.out.printf(Locale.ROOT, "  seed@trading      / raw COPY        = %.2f   (includes JVM and JBang start)%n",
                copy / process);
        System.out.printf(Locale.ROOT, "  seed in-process   / batched INSERT  = %.2f%n", insert / seed);
        System.out.printf(Locale.ROOT, "  server CPU: seed / \\copy text       = %.2f%n",
                medianCpu(samples, "seed, core in-process") / medianCpu(samples, "psql \\copy, text files"));
        List<Sample> seeds = samples.get("seed, core in-process");
        List<Sample> texts = samples.get("psql \\copy, text files");
        StringBuilder paired = new StringBuilder();
        for (int i = 0; i < seeds.size(); i++) {
            paired.append(String.format(Locale.ROOT, " %.2f", texts.get(i).wallSeconds() / seeds.get(i).wallSeconds()));
        }
        System.out.println("  seed / \\copy text, round by round:" + paired);
    }

    /** The rows as COPY text files, written by the same encoder seed streams with. */
    private SeedCounts writeTextFiles() throws IOException {
        Map<SeedTable, OutputStream> files = new EnumMap<>(SeedTable.class);
        for (SeedTable t : SeedTable.values()) {
            files.put(t, new BufferedOutputStream(Files.newOutputStream(work.resolve(t.tableName() + ".txt")), 1 << 16));
        }
        SyntheticRecommendations source = new SyntheticRecommendations(RANDOM_SEED, 0, anchor);
        CopyBatch batch = new CopyBatch();
        SeedCounts counts = SeedCounts.NONE;
        for (long done = 0; done < count; ) {
            batch.clear();
            long size = Math.min(SeedSettings.DEFAULT_BATCH_SIZE, count - done);
            for (long i = 0; i < size; i++) {
                batch.add(source.next());
            }
            for (SeedTable t : SeedTable.values()) {
                batch.writeTo(t, files.get(t));
            }
            counts = counts.plus(batch.counts());
            done += size;
        }
        for (OutputStream out : files.values()) {
            out.close();
        }
        return counts;
    }

    private void exportCsv() throws IOException, InterruptedException {
        List<String> commands = new ArrayList<>();
        for (SeedTable t : SeedTable.values()) {
            commands.add("\\copy (SELECT " + t.columns() + " FROM " + t.tableName() + ") TO '"
                    + work.resolve(t.tableName() + ".csv") + "' WITH (FORMAT csv)");
        }
        psql(commands);
    }

    private long seedInProcess() {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try (Database db = Database.open(pg.url(database), "seed-bench")) {
            RecommendationSeeder.seed(db, SeedSettings.of(count).withRandomSeed(RANDOM_SEED).withAnchorDate(anchor),
                    SeedListener.SILENT);
        }
        return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Runs {@code ./jbang [jbangOptions] seed@trading --url ... --count n}; returns its peak RSS. */
    private long seedProcess(List<String> jbangOptions, long n) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("jbang").toString()));
        command.addAll(jbangOptions);
        command.addAll(List.of("seed@trading", "--url", pg.url(database), "--count", String.valueOf(n),
                "--random-seed", String.valueOf(RANDOM_SEED), "--anchor-date", anchor.toString()));
        Path log = work.resolve("seed-process.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TRADING_HOME", work.resolve("home").toString());
        builder.environment().remove("DATABASE_URL");
        Process p = builder.start();
        long peak = 0;
        // The launcher execs java in the same process, so its high-water mark is the JVM's.
        while (!p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, highWaterMark(p.pid()));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                    + Files.readString(log));
        }
        return peak;
    }

    private long psqlCopy(String extension, String options) throws IOException, InterruptedException {
        List<String> commands = new ArrayList<>();
        for (SeedTable t : SeedTable.values()) {
            commands.add("\\copy " + t.tableName() + " (" + t.columns() + ") FROM '"
                    + work.resolve(t.tableName() + "." + extension) + "'" + options);
        }
        psql(commands);
        return -1;
    }

    private void psql(List<String> commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", String.valueOf(pg.port()), "-U", "postgres", "-d", database));
        for (String c : commands) {
            command.add("-c");
            command.add(c);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
    }

    private void emptyTables() throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("TRUNCATE recommendations, reco_targets, option_ideas, option_targets");
            s.execute("CHECKPOINT");
        }
    }

    private void verify(String name) throws SQLException {
        for (SeedTable t : SeedTable.values()) {
            long rows = countRows(t.tableName());
            if (rows != expected.rows(t)) {
                throw new IllegalStateException(name + " left " + rows + " rows in " + t.tableName() + ", expected "
                        + expected.rows(t));
            }
        }
    }

    private long countAllRows() throws SQLException {
        long rows = 0;
        for (SeedTable t : SeedTable.values()) {
            rows += countRows(t.tableName());
        }
        return rows;
    }

    private long countRows(String table) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long highWaterMark(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process has just exited.
        }
        return 0;
    }

    private static double medianWall(Map<String, List<Sample>> samples, String name) {
        return median(samples.get(name).stream().mapToDouble(Sample::wallSeconds).toArray());
    }

    private static double medianCpu(Map<String, List<Sample>> samples, String name) {
        return median(samples.get(name).stream().mapToDouble(Sample::serverCpuSeconds).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
