import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import trading.db.DatabaseTarget;

/**
 * The {@code ./jbang} launcher's fast path, run as a user runs it (sh, a real JBang) on
 * temporary copies of a checkout, each with its own JBang home, so nothing here touches
 * the catalog registration or the kept commands of the real checkout. A tiny {@code hello}
 * project checks that the kept command is never stale and that arguments and exit codes
 * pass through exactly; a copy of the real toolkit checks {@code status@trading}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherTest {
    private static final String FAST = "jbang launcher: fast path";
    private static final String THROUGH_JBANG = "jbang launcher: through JBang";

    @TempDir
    static Path temp;
    static Path hello;
    static Map<String, String> helloEnv;

    @BeforeAll
    static void helloProject() throws IOException {
        hello = Files.createDirectories(temp.resolve("hello project"));
        copyLauncher(hello);
        Files.writeString(hello.resolve("jbang-catalog.json"),
                "{\n  \"aliases\": {\n    \"hello\": {\n      \"script-ref\": \"hello.java\"\n    }\n  }\n}\n");
        Files.writeString(hello.resolve("hello.java"), """
                //SOURCES lib/*.java
                public class hello {
                    public static void main(String... args) throws Exception {
                        String log = System.getenv("HELLO_LOG");
                        if (log != null) {
                            java.nio.file.Files.writeString(java.nio.file.Path.of(log), String.join(" ", args) + "\\n",
                                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                        }
                        System.out.println(Greeting.TEXT);
                        for (String a : args) {
                            System.out.println("[" + a + "]");
                        }
                        System.exit(args.length > 0 && args[0].startsWith("exit=") ? Integer.parseInt(args[0].substring(5)) : 0);
                    }
                }
                """);
        Files.createDirectories(hello.resolve("lib"));
        greeting("v1");
        helloEnv = environment("hello", Files.createDirectories(temp.resolve("hello-jbang-cache")).toString());
    }

    /** The links to the shared JBang jar go before JUnit deletes the temp folder (which would warn about them). */
    @AfterAll
    static void unlinkSharedJar() throws IOException {
        try (Stream<Path> paths = Files.walk(temp)) {
            for (Path p : paths.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    @Order(1)
    void argumentsAndExitCodesPassThroughExactlyOnBothPaths() {
        String[] args = {"exit=3", "a b", "it's", "\"quoted\"", "$HOME", "", "*", "back\\slash", "two\nlines", "--url", "  "};
        StringBuilder expected = new StringBuilder("v1\n");
        for (String a : args) {
            expected.append('[').append(a).append("]\n");
        }
        Commands.Result first = launch(hello, helloEnv, "hello@trading", args);
        assertEquals(3, first.exitCode(), first.toString());
        assertEquals(expected.toString(), first.out());
        assertTrue(first.err().contains(THROUGH_JBANG), first.err());

        Commands.Result second = launch(hello, helloEnv, "hello@trading", args);
        assertEquals(3, second.exitCode(), second.toString());
        assertEquals(expected.toString(), second.out());
        assertTrue(second.err().contains(FAST), "the second run takes the fast path: " + second.err());

        Commands.Result ok = launch(hello, helloEnv, "hello@trading");
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.err().contains(FAST), ok.err());
    }

    @Test
    @Order(2)
    void anEditedSourceIsPickedUpAndARevertIsNotStale() throws IOException {
        launch(hello, helloEnv, "hello@trading");
        greeting("v2");
        Commands.Result edited = launch(hello, helloEnv, "hello@trading");
        assertEquals("v2\n", edited.out(), edited.toString());
        assertTrue(edited.err().contains(THROUGH_JBANG), edited.err());
        Commands.Result again = launch(hello, helloEnv, "hello@trading");
        assertEquals("v2\n", again.out(), again.toString());
        assertTrue(again.err().contains(FAST), again.err());

        greeting("v1");
        Commands.Result reverted = launch(hello, helloEnv, "hello@trading");
        assertEquals("v1\n", reverted.out(), "back to v1, never the kept v2: " + reverted);
        assertTrue(reverted.err().contains(THROUGH_JBANG), reverted.err());
    }

    @Test
    @Order(3)
    void aNewOrDeletedFileInASourcesGlobGoesThroughJBang() throws IOException {
        launch(hello, helloEnv, "hello@trading");
        Path extra = hello.resolve("lib/Extra.java");
        Files.writeString(extra, "class Extra {}\n");
        Commands.Result added = launch(hello, helloEnv, "hello@trading");
        assertEquals(0, added.exitCode(), added.toString());
        assertTrue(added.err().contains(THROUGH_JBANG), "a new file under //SOURCES lib/*.java: " + added.err());
        assertTrue(launch(hello, helloEnv, "hello@trading").err().contains(FAST));

        Files.delete(extra);
        Commands.Result deleted = launch(hello, helloEnv, "hello@trading");
        assertEquals(0, deleted.exitCode(), deleted.toString());
        assertTrue(deleted.err().contains(THROUGH_JBANG), "a deleted file: " + deleted.err());
    }

    @Test
    @Order(4)
    void aClearedJBangCacheGoesThroughJBangAndRebuilds() throws IOException {
        launch(hello, helloEnv, "hello@trading");
        Path jar = keptJar("hello");
        Files.delete(jar);
        Commands.Result r = launch(hello, helloEnv, "hello@trading", "x");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("v1\n[x]\n", r.out());
        assertTrue(r.err().contains(THROUGH_JBANG) && r.err().contains("is gone"), r.err());
        assertTrue(Files.exists(jar), "JBang rebuilt " + jar);
    }

    @Test
    @Order(5)
    void classDataSharingNeverChangesWhatACommandDoes() throws IOException {
        assumeTrue(helloEnv.containsKey("TRADING_JBANG_CACHE"), "kept commands are in the user's own cache");
        for (int i = 0; i < 4; i++) {
            Commands.Result r = launch(hello, helloEnv, "hello@trading", "x");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("v1\n[x]\n", r.out(), "no JVM log lines on stdout, also while the archive is written: " + r);
        }
        try (Stream<Path> files = Files.walk(Path.of(helloEnv.get("TRADING_JBANG_CACHE"), "launch"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("hello-[0-9a-f]{64}\\.jsa")),
                    "the fast path wrote a class-data archive");
        }
        // A script with JBang's own //CDS keeps JBang's options; combined with the launcher's, the JVM would not start.
        Path script = hello.resolve("hello.java");
        String original = Files.readString(script);
        Files.writeString(script, "//CDS\n" + original);
        try {
            for (int i = 0; i < 4; i++) {
                Commands.Result r = launch(hello, helloEnv, "hello@trading", "x");
                assertEquals(0, r.exitCode(), r.toString());
                assertTrue(r.out().endsWith("v1\n[x]\n"), r.toString());
            }
        } finally {
            Files.writeString(script, original);
        }
    }

    @Test
    @Order(6)
    void theFastPathCanBeSwitchedOff() {
        Map<String, String> env = new HashMap<>(helloEnv);
        env.put("TRADING_FAST_LAUNCH", "0");
        Commands.Result r = launch(hello, env, "hello@trading", "a b");
        assertEquals("v1\n[a b]\n", r.out(), r.toString());
        assertTrue(r.err().contains(THROUGH_JBANG), r.err());
        assertFalse(r.err().contains(FAST), r.err());
    }

    @Test
    @Order(7)
    void jbangOutputThatIsNotOneCommandLineIsNeverKeptNorRunForIt() throws IOException {
        Path runs = temp.resolve("hello-runs.log");
        Map<String, String> noisy = new HashMap<>(helloEnv);
        // JVM logging on stdout, in JBang's JVM too: JBang's output is then more than the command,
        // and its lines would run as shell commands if the launcher ever evaluated them.
        noisy.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + temp.resolve("noise.jfr"));
        noisy.put("HELLO_LOG", runs.toString());
        greeting("v3");
        try {
            launch(hello, noisy, "hello@trading", "noisy");
            Map<String, String> clean = new HashMap<>(helloEnv);
            clean.put("HELLO_LOG", runs.toString());
            Commands.Result r = launch(hello, clean, "hello@trading", "clean");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("v3\n[clean]\n", r.out());
            assertTrue(r.err().contains(THROUGH_JBANG), "nothing was kept from the noisy run: " + r.err());
            // hello ran only as asked: never with other arguments (such as none at all).
            List<String> asked = Files.readAllLines(runs);
            assertTrue(asked.stream().allMatch(a -> a.equals("noisy") || a.equals("clean")), "hello's runs: " + asked);
            assertEquals("clean", asked.get(asked.size() - 1), "hello's runs: " + asked);
        } finally {
            greeting("v1");
        }
    }

    @Test
    @Order(8)
    void anInstalledJbangOnPathIsUsedWithAndWithoutTheFastPath() throws IOException {
        Optional<Path> jbangJar = bootstrappedJBangJar();
        assumeTrue(jbangJar.isPresent(), "no bootstrapped JBang jar to stand in for an installed JBang");
        // An installed JBang as its own launcher finds it: jbang.jar beside the jbang script.
        Path bin = Files.createDirectories(temp.resolve("installed/bin"));
        executable(bin.resolve("jbang"), "#!/bin/sh\necho \"installed jbang ran: $*\"\n"
                + "[ \"$1\" = catalog ] && exit 0\nexit 7\n");
        Files.createSymbolicLink(bin.resolve("jbang.jar"), jbangJar.get());
        Map<String, String> env = new HashMap<>(helloEnv);
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("JBANG_DIR", temp.resolve("installed-jbang-home").toString());
        Commands.Result first = launch(hello, env, "hello@trading", "it's");
        assertEquals("v1\n[it's]\n", first.out(), first.toString());
        Commands.Result second = launch(hello, env, "hello@trading", "it's");
        assertEquals("v1\n[it's]\n", second.out(), second.toString());
        assertTrue(second.err().contains(FAST), second.err());

        // Without a jar beside it, the installed jbang itself runs, with the exit code kept.
        Files.delete(bin.resolve("jbang.jar"));
        Commands.Result handedOver = launch(hello, env, "hello@trading", "a b");
        assertEquals(7, handedOver.exitCode(), handedOver.toString());
        assertEquals("installed jbang ran: hello@trading a b\n", handedOver.out());
    }

    @Test
    @Order(9)
    void statusOfTheRealToolkitIsTheSameOnBothPaths() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("toolkit copy"));
        copyLauncher(copy);
        for (String name : List.of("jbang-catalog.json", "migrate.java", "status.java")) {
            Files.copy(Commands.ROOT.resolve(name), copy.resolve(name));
        }
        copyTree(Commands.ROOT.resolve("lib"), copy.resolve("lib"));
        copyTree(Commands.ROOT.resolve("migrations"), copy.resolve("migrations"));
        String realCache = Optional.ofNullable(System.getenv("JBANG_CACHE_DIR")).orElse(
                Optional.ofNullable(System.getenv("JBANG_DIR")).orElse(System.getProperty("user.home") + "/.jbang")
                        + "/cache");
        // The real JBang cache: status.java's dependencies are resolved there already.
        Map<String, String> env = environment("toolkit", realCache);
        String url = TestPostgres.get().newDatabase("launcher");

        Commands.Result viaJBang = launch(copy, env, "status@trading", "--url", url, "--json");
        assertEquals(0, viaJBang.exitCode(), viaJBang.toString());
        assertTrue(viaJBang.out().contains("\"pending_count\" : 4"), viaJBang.out());
        Commands.Result fast = launch(copy, env, "status@trading", "--url", url, "--json");
        assertEquals(0, fast.exitCode(), fast.toString());
        assertTrue(fast.err().contains(FAST), fast.err());
        assertEquals(viaJBang.out(), fast.out());

        Commands.Result cannotConnect = launch(copy, env, "status@trading", "--url", "postgresql://nobody@127.0.0.1:1/none");
        assertEquals(5, cannotConnect.exitCode(), cannotConnect.toString());
        assertTrue(cannotConnect.err().contains(FAST), cannotConnect.err());

        // An edit to the library under lib/ (a comment) is a change: through JBang, which rebuilds.
        Path core = copy.resolve("lib/trading/cli/ExitCode.java");
        Files.writeString(core, Files.readString(core) + "// edited\n");
        Commands.Result edited = launch(copy, env, "status@trading", "--url", url, "--json");
        assertEquals(0, edited.exitCode(), edited.toString());
        assertTrue(edited.err().contains(THROUGH_JBANG), edited.err());
        assertEquals(viaJBang.out(), edited.out());
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code ./jbang} in {@code repo} as its own process, from a working directory outside it. */
    private static Commands.Result launch(Path repo, Map<String, String> env, String alias, String... args) {
        List<String> command = new ArrayList<>(List.of(repo.resolve("jbang").toString(), alias));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("TRADING_ROOT");
        builder.environment().remove("TRADING_FAST_LAUNCH");
        DatabaseTarget.LIBPQ_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        try {
            return Commands.finish(builder.start(), 300);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its own JBang home (so the catalog `trading` points at this copy) and kept-command cache. */
    private static Map<String, String> environment(String name, String jbangCache) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TRADING_LAUNCH_TRACE", "1");
        env.put("JBANG_DIR", Files.createDirectories(temp.resolve(name + "-jbang-home")).toString());
        env.put("JBANG_CACHE_DIR", jbangCache);
        Path launcherCache = Files.createDirectories(temp.resolve(name + "-launcher-cache"));
        Optional<Path> jar = bootstrappedJBangJar();
        if (jar.isPresent()) {
            // The bootstrapped JBang jar is reused; the commands kept for this copy stay in the temp folder.
            Files.createSymbolicLink(launcherCache.resolve(jar.get().getParent().getFileName()), jar.get().getParent());
            env.put("TRADING_JBANG_CACHE", launcherCache.toString());
        }
        return env;
    }

    /** Where ./jbang keeps the JBang jar it fetched, when it fetched one. */
    private static Optional<Path> bootstrappedJBangJar() throws IOException {
        Matcher m = Pattern.compile("(?m)^jbang_version=(\\S+)").matcher(Files.readString(Commands.ROOT.resolve("jbang")));
        assertTrue(m.find(), "the launcher names its JBang version");
        String version = m.group(1);
        Path cache = Optional.ofNullable(System.getenv("TRADING_JBANG_CACHE")).map(Path::of).orElse(
                Optional.ofNullable(System.getenv("XDG_CACHE_HOME")).map(Path::of)
                        .orElse(Path.of(System.getProperty("user.home"), ".cache")).resolve("trading-db"));
        Path jar = cache.resolve("jbang-" + version).resolve("jbang-cli-" + version + "-all.jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** The script jar the kept command for {@code alias} runs. */
    private static Path keptJar(String alias) throws IOException {
        Path launch = Path.of(helloEnv.getOrDefault("TRADING_JBANG_CACHE", ""), "launch");
        assumeTrue(Files.isDirectory(launch), "kept commands are in the user's own cache");
        try (Stream<Path> files = Files.walk(launch)) {
            Path kept = files.filter(p -> p.getFileName().toString().equals(alias + ".cmd")).findFirst().orElseThrow();
            return Files.readAllLines(kept).stream().filter(l -> l.startsWith("needs ") && l.endsWith("/" + alias + ".jar"))
                    .map(l -> Path.of(l.substring("needs ".length()))).findFirst().orElseThrow();
        }
    }

    private static void greeting(String text) throws IOException {
        Files.writeString(hello.resolve("lib/Greeting.java"), "class Greeting {\n    static final String TEXT = \""
                + text + "\";\n}\n", StandardCharsets.UTF_8);
    }

    private static void copyLauncher(Path repo) throws IOException {
        Files.copy(Commands.ROOT.resolve("jbang"), repo.resolve("jbang"));
        Files.setPosixFilePermissions(repo.resolve("jbang"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
