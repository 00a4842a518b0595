import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one command as its own process and times it from start to exit, as a user at a
 * shell would feel it. Its output goes to a log file, read back for the in-process time
 * the tool prints ({@code inProcess} has one group: the milliseconds) and for errors.
 */
record TimedProcess(List<String> command, Map<String, String> environment, Pattern inProcess) {

    Samples.Run run(Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        long wall = (System.nanoTime() - start) / 1_000_000;
        String output = Files.readString(log);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + tail(output));
        }
        OptionalLong inProcessMillis = OptionalLong.empty();
        if (inProcess != null) {
            Matcher m = inProcess.matcher(output);
            if (m.find()) {
                inProcessMillis = OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        return new Samples.Run(wall, inProcessMillis);
    }

    private static String tail(String output) {
        return output.length() <= 3000 ? output : "..." + output.substring(output.length() - 3000);
    }
}
