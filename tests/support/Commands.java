import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import trading.db.DatabaseTarget;
import trading.db.Environment;
import trading.db.ToolkitHome;

/**
 * Runs the toolkit's scripts the way a user does: in this JVM for speed ({@link #run}),
 * or as a separate {@code java} process ({@link #spawn}) when the test needs its own
 * environment variables, real concurrency, or to kill it.
 */
final class Commands {
    /** What a command printed and how it exited. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        /**
         * stderr without the lines the JVM itself prints when JAVA_TOOL_OPTIONS, _JAVA_OPTIONS
         * or JDK_JAVA_OPTIONS is set (common in containers), which are not the command's own.
         */
        String ownErr() {
            return err.lines().filter(line -> !line.startsWith("Picked up ") && !line.startsWith("NOTE: Picked up "))
                    .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Commands() {}

    static final Path ROOT = ToolkitHome.locate(Environment.current()).root();

    /** Runs {@code script} (migrate, status, ...) in this JVM, capturing stdout and stderr. */
    static synchronized Result run(String script, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = (int) Class.forName(script).getMethod("run", String[].class).invoke(null, (Object) args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot run " + script, ex);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Runs {@code script} in this JVM against {@code url} with the migrations in {@code folder}, then {@code extra}. */
    static Result runOn(String url, Path folder, String script, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", url, "--migrations", folder.toString()));
        args.addAll(List.of(extra));
        return run(script, args.toArray(String[]::new));
    }

    /** Starts {@code script} as its own process with the given extra environment (null values unset). */
    static Process start(Map<String, String> env, Path workingDirectory, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        // A developer's own connection settings must not leak into a test.
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("TEST_DATABASE_URL");
        DatabaseTarget.LIBPQ_VARIABLES.forEach(builder.environment()::remove);
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        return builder.start();
    }

    /** Runs {@code script} as its own process and waits for it. */
    static Result spawn(Map<String, String> env, String script, String... args) {
        return spawnIn(env, ROOT, script, args);
    }

    static Result spawnIn(Map<String, String> env, Path workingDirectory, String script, String... args) {
        try {
            Process p = start(env, workingDirectory, script, args);
            return finish(p, 120);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Result finish(Process p, int timeoutSeconds) {
        try {
            p.getOutputStream().close();
            var out = new java.util.concurrent.CompletableFuture<String>();
            var err = new java.util.concurrent.CompletableFuture<String>();
            new Thread(() -> out.complete(read(p.getInputStream()))).start();
            new Thread(() -> err.complete(read(p.getErrorStream()))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("command did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
