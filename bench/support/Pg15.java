import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL 15 cluster for benchmarks: the machine's own server binaries,
 * a fresh data directory in /tmp and a free port, stopped and deleted on close. As root
 * it runs them as the {@code postgres} user, because initdb refuses root.
 * {@code PG_BIN} overrides where the binaries are (default /usr/lib/postgresql/15/bin).
 */
final class Pg15 implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private Pg15(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Starts a new cluster; extra {@code -c name=value} settings may be given. */
    static Pg15 start(String... settings) throws IOException, InterruptedException {
        Path bin = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("no PostgreSQL server binaries in " + bin + " (set PG_BIN)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("trading-bench-pg");
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Pg15 pg = new Pg15(bin, dir, port, root);
        pg.exec("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                "--locale=C");
        StringBuilder options = new StringBuilder("-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1");
        for (String setting : settings) {
            options.append(" -c ").append(setting);
        }
        pg.exec("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-o", options.toString(), "start");
        return pg;
    }

    int port() {
        return port;
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/DATABASE} */
    String url(String database) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Creates an empty database and returns its name. */
    String createDatabase(String name) throws IOException, InterruptedException {
        exec("psql", "-X", "-q", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres",
                "-c", "DROP DATABASE IF EXISTS " + name, "-c", "CREATE DATABASE " + name);
        return name;
    }

    @Override
    public void close() {
        try {
            exec("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } catch (Exception e) {
            System.err.println("could not stop the benchmark PostgreSQL: " + e.getMessage());
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir);
        }
    }

    private void exec(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
