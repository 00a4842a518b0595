package trading.db;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a command sees: the process environment, plus the connection settings of
 * a {@code .env} file in the working directory, which never override a variable already
 * set. Tests build one from a map instead of touching the real environment.
 *
 * <p>A {@code .env} travels with whatever folder a command runs in, a freshly cloned
 * repository included, so it may only say which database to use and where that project's
 * migrations are ({@link #FROM_DOT_ENV}). Settings that decide where the toolkit keeps its
 * state and password, which toolkit or JVM runs, or which password file is read come only
 * from the real environment; a {@code .env} that sets one of them gets a warning
 * ({@link #warnings()}). docs/connection-and-embedded-database.md lists them for users.
 */
public record Environment(Map<String, String> variables, Path workingDirectory, Path userHome, List<String> warnings) {

    /** The only keys a {@code .env} file may set. */
    public static final Set<String> FROM_DOT_ENV = Set.of("DATABASE_URL", "MIGRATIONS_DIR",
            "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE",
            "PGSSLMODE", "PGSSLROOTCERT", "PGAPPNAME", "PGCONNECT_TIMEOUT");

    /** Prefixes of keys that change the toolkit, JBang or the JVM: named in the warning when a .env sets them. */
    private static final List<String> NEVER_FROM_DOT_ENV = List.of("TRADING_", "JBANG_", "JAVA_", "_JAVA_", "JDK_",
            "PGPASSFILE");

    public Environment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        warnings = List.copyOf(warnings);
    }

    public Environment(Map<String, String> variables, Path workingDirectory, Path userHome) {
        this(variables, workingDirectory, userHome, List.of());
    }

    /** The real environment of this process. */
    public static Environment current() {
        Path cwd = Path.of("").toAbsolutePath();
        return of(System.getenv(), cwd, Path.of(System.getProperty("user.home")));
    }

    /** The given variables, with the allowed keys of {@code .env} in the working directory underneath them. */
    public static Environment of(Map<String, String> variables, Path workingDirectory, Path userHome) {
        Path dotEnv = workingDirectory.toAbsolutePath().normalize().resolve(".env");
        Map<String, String> merged = new HashMap<>();
        List<String> refused = new ArrayList<>();
        DotEnv.read(dotEnv).forEach((key, value) -> {
            if (FROM_DOT_ENV.contains(key)) {
                merged.put(key, value);
            } else if (NEVER_FROM_DOT_ENV.stream().anyMatch(key::startsWith)) {
                refused.add(key);
            }
        });
        merged.putAll(variables);
        List<String> warnings = refused.isEmpty() ? List.of() : List.of("warning: ignoring " + String.join(", ", refused)
                + " in " + dotEnv + ": a .env file may set only DATABASE_URL, MIGRATIONS_DIR and the PG* connection"
                + " variables. Set " + (refused.size() == 1 ? "it" : "them") + " in the environment if you mean it.");
        return new Environment(merged, workingDirectory, userHome, warnings);
    }

    /** A variable's value; unset and empty are the same, as in libpq. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
