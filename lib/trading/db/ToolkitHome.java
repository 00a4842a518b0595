package trading.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The toolkit's root folder (the one holding {@code jbang-catalog.json}), so that every
 * command finds the same {@code migrations/} and embedded database from any directory.
 *
 * <p>JBang runs a compiled copy of each script and does not tell it where its source
 * lives, so the root is found, in order: from {@code TRADING_ROOT} (set by {@code ./jbang}),
 * by walking up from the working directory, from the JBang catalog registered as
 * {@code trading}, and last the working directory itself.
 */
public record ToolkitHome(Path root) {
    private static final String MARKER = "lib/trading/db/ToolkitHome.java";
    private static final Pattern TRADING_CATALOG =
            Pattern.compile("\"trading\"\\s*:\\s*\\{[^}]*?\"catalog-ref\"\\s*:\\s*\"([^\"]+)\"", Pattern.DOTALL);

    public static ToolkitHome locate(Environment env) {
        Optional<Path> fromVariable = env.get("TRADING_ROOT").map(Path::of).filter(ToolkitHome::isRoot);
        if (fromVariable.isPresent()) {
            return new ToolkitHome(fromVariable.get().toAbsolutePath());
        }
        for (Path dir = env.workingDirectory(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return new ToolkitHome(dir);
            }
        }
        return registeredCatalog(env).map(ToolkitHome::new).orElse(new ToolkitHome(env.workingDirectory()));
    }

    /** Where the embedded database and other local state live: {@code TRADING_HOME}, else {@code .trading}. */
    public Path stateDirectory(Environment env) {
        return env.get("TRADING_HOME").map(p -> env.workingDirectory().resolve(p)).orElse(root.resolve(".trading"));
    }

    /** The embedded server's data folder, refused when its path is not safe to hand to pg_ctl ({@link ShellSafePath}). */
    public Path embeddedDataDirectory(Environment env) {
        String origin = env.get("TRADING_HOME").isPresent() ? "TRADING_HOME (set in the environment)"
                : "the toolkit's folder (TRADING_ROOT, or where jbang-catalog.json was found)";
        return ShellSafePath.require(stateDirectory(env).resolve("pgdata"), origin);
    }

    /** {@code --migrations}, else {@code MIGRATIONS_DIR}, else {@code migrations/} under the root. */
    public Path migrationsDirectory(Environment env, String override) {
        if (override != null && !override.isBlank()) {
            return env.workingDirectory().resolve(override).normalize();
        }
        return env.get("MIGRATIONS_DIR").map(p -> env.workingDirectory().resolve(p).normalize())
                .orElse(root.resolve("migrations"));
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    private static Optional<Path> registeredCatalog(Environment env) {
        Path jbangDir = env.get("JBANG_DIR").map(Path::of).orElse(env.userHome().resolve(".jbang"));
        try {
            String catalogs = Files.readString(jbangDir.resolve("jbang-catalog.json"));
            Matcher m = TRADING_CATALOG.matcher(catalogs);
            if (m.find()) {
                Path dir = Path.of(m.group(1)).getParent();
                return dir != null && isRoot(dir) ? Optional.of(dir) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            // No JBang catalog registered: fall through to the working directory.
        }
        return Optional.empty();
    }
}
