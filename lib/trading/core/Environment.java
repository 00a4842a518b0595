package trading.core;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a command sees: the process environment, plus a {@code .env} file in
 * the working directory that never overrides a variable already set. Tests build
 * one from a map instead of touching the real environment.
 */
public record Environment(Map<String, String> variables, Path workingDirectory, Path userHome) {

    public Environment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** The real environment of this process. */
    public static Environment current() {
        Path cwd = Path.of("").toAbsolutePath();
        return of(System.getenv(), cwd, Path.of(System.getProperty("user.home")));
    }

    /** The given variables, with {@code .env} of the working directory underneath them. */
    public static Environment of(Map<String, String> variables, Path workingDirectory, Path userHome) {
        Map<String, String> merged = new HashMap<>(DotEnv.read(workingDirectory.resolve(".env")));
        merged.putAll(variables);
        return new Environment(merged, workingDirectory, userHome);
    }

    /** A variable's value; unset and empty are the same, as in libpq. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
