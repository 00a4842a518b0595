package trading.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's password file ({@code PGPASSFILE}, else {@code ~/.pgpass}):
 * lines of {@code host:port:database:user:password}, where {@code *} matches anything
 * and {@code \:} is a literal colon. The first matching line wins, as in libpq.
 * Like libpq, a file that group or others may access is not used, with a warning:
 * its passwords are no longer secret, and using it silently would hide that.
 */
final class PgPass {
    private PgPass() {}

    /** The password for these settings; {@code warnings} hears why a password file was not used. */
    public static Optional<String> lookup(Environment env, String host, String port, String database, String user,
                                          Consumer<String> warnings) {
        Path file = env.get("PGPASSFILE").map(Path::of).orElse(env.userHome().resolve(".pgpass"));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("WARNING: password file \"" + file + "\" is not a plain file");
            return Optional.empty();
        }
        if (accessibleByOthers(file)) {
            warnings.accept("WARNING: password file \"" + file + "\" has group or world access;"
                    + " permissions should be u=rw (0600) or less");
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() != 5) {
                continue;
            }
            if (matches(fields.get(0), host) && matches(fields.get(1), port)
                    && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean accessibleByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions here (Windows); libpq does not check there either.
            return false;
        }
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
