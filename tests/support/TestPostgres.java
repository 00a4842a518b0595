import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import trading.db.DatabaseUrl;

/**
 * The real PostgreSQL the suite runs against, chosen once per run: the server at
 * TEST_DATABASE_URL when set, else a Testcontainers PostgreSQL when a Docker engine
 * answers, else an embedded PostgreSQL. Each test class gets a fresh database of its own.
 */
final class TestPostgres implements AutoCloseable {
    private static TestPostgres instance;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String description;
    private final DatabaseUrl admin;
    private final AutoCloseable server;

    private TestPostgres(String description, DatabaseUrl admin, AutoCloseable server) {
        this.description = description;
        this.admin = admin;
        this.server = server;
    }

    static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestPostgres start() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
            return new TestPostgres("the server at TEST_DATABASE_URL (" + parsed.masked() + ")", parsed, () -> { });
        }
        if (dockerMightAnswer()) {
            try {
                ContainerPostgres container = ContainerPostgres.startIfDockerAnswers();
                if (container != null) {
                    return new TestPostgres("a Testcontainers PostgreSQL (" + container.url().masked() + ")",
                            container.url(), container);
                }
            } catch (RuntimeException | LinkageError e) {
                System.out.println("Testcontainers could not start PostgreSQL (" + e.getMessage() + "); using embedded.");
            }
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            DatabaseUrl parsed = DatabaseUrl.parse("postgresql://postgres@localhost:" + embedded.getPort() + "/postgres");
            return new TestPostgres("an embedded PostgreSQL (no TEST_DATABASE_URL, no Docker engine; "
                    + parsed.masked() + ")", parsed, embedded);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start an embedded PostgreSQL for the tests", e);
        }
    }

    /** Only ask Testcontainers when there is a Docker endpoint to ask; its probing is slow otherwise. */
    private static boolean dockerMightAnswer() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    String description() {
        return description;
    }

    DatabaseUrl admin() {
        return admin;
    }

    /** A new, empty database; returns its URL with the admin credentials. */
    String newDatabase(String hint) {
        String name = ("t_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + ProcessHandle.current().pid() + "_"
                + COUNTER.incrementAndGet()).toLowerCase(java.util.Locale.ROOT);
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return urlFor(name);
    }

    /** The URL of database {@code name} on the test server, with the admin credentials. */
    String urlFor(String name) {
        String credentials = admin.user().isEmpty() ? "" : encode(admin.user())
                + (admin.password() == null ? "" : ":" + encode(admin.password())) + "@";
        return "postgresql://" + credentials + admin.hosts() + "/" + name;
    }

    Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(admin.jdbcUrl(), admin.connectionProperties());
    }

    static Connection connect(String url) throws SQLException {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        return DriverManager.getConnection(parsed.jdbcUrl(), parsed.connectionProperties());
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            System.out.println("could not stop the test PostgreSQL: " + e.getMessage());
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
