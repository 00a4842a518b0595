package trading.db;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which database a command talks to, decided once by the precedence that
 * docs/connection-and-embedded-database.md ("Which database") documents:
 * {@code --url}, then {@code DATABASE_URL}, then the libpq variables ({@code PGHOST} ...),
 * and when none is set, the embedded default.
 */
public sealed interface DatabaseTarget {

    /**
     * A PostgreSQL server reached over the network; {@code source} says which setting named it,
     * {@code warnings} what the user should hear about how it was resolved (an unsafe ~/.pgpass).
     */
    record Server(DatabaseUrl url, String source, List<String> warnings) implements DatabaseTarget {
        public Server {
            warnings = List.copyOf(warnings);
        }
    }

    /** The toolkit's own embedded PostgreSQL, with its data kept in {@code dataDirectory}. */
    record Embedded(Path dataDirectory) implements DatabaseTarget {
        @Override
        public List<String> warnings() {
            return List.of();
        }
    }

    /** Lines for stderr about the resolution; the core prints nothing itself. */
    List<String> warnings();

    List<String> LIBPQ_VARIABLES = List.of("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE");

    static DatabaseTarget resolve(String cliUrl, Environment env, ToolkitHome home) {
        if (cliUrl != null && !cliUrl.isBlank()) {
            return server(DatabaseUrl.parse(cliUrl.strip()), "--url", env);
        }
        if (env.get("DATABASE_URL").isPresent()) {
            return server(DatabaseUrl.parse(env.get("DATABASE_URL").get().strip()), "DATABASE_URL", env);
        }
        if (LIBPQ_VARIABLES.stream().anyMatch(v -> env.get(v).isPresent())) {
            return server(fromLibpqVariables(env), "PG* environment variables", env);
        }
        return new Embedded(home.embeddedDataDirectory(env));
    }

    private static Server server(DatabaseUrl url, String source, Environment env) {
        List<String> warnings = new java.util.ArrayList<>();
        return new Server(withPasswordFallback(url, env, warnings::add), source, warnings);
    }

    private static DatabaseUrl fromLibpqVariables(Environment env) {
        String host = env.get("PGHOST").filter(h -> !h.startsWith("/")).orElse("localhost");
        String port = env.get("PGPORT").orElse("5432");
        String user = env.get("PGUSER").or(() -> env.get("USER")).orElse(System.getProperty("user.name"));
        String database = env.get("PGDATABASE").orElse(user);
        Map<String, String> parameters = new LinkedHashMap<>();
        env.get("PGSSLMODE").ifPresent(v -> parameters.put("sslmode", v));
        env.get("PGSSLROOTCERT").ifPresent(v -> parameters.put("sslrootcert", v));
        env.get("PGAPPNAME").ifPresent(v -> parameters.put("ApplicationName", v));
        env.get("PGCONNECT_TIMEOUT").ifPresent(v -> parameters.put("connectTimeout", v));
        String hosts = host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
        return new DatabaseUrl(hosts, database, user, null, parameters);
    }

    /** As libpq does: a URL without a password takes PGPASSWORD, then ~/.pgpass. */
    private static DatabaseUrl withPasswordFallback(DatabaseUrl url, Environment env, Consumer<String> warnings) {
        if (url.hasPassword()) {
            return url;
        }
        String user = url.user().isEmpty() ? env.get("PGUSER").orElse(System.getProperty("user.name")) : url.user();
        String database = url.database().isEmpty() ? user : url.database();
        return env.get("PGPASSWORD")
                .or(() -> PgPass.lookup(env, url.firstHost(), url.firstPort(), database, user, warnings))
                .map(url::withPassword)
                .orElse(url);
    }
}
