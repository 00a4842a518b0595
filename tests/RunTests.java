///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4
//DEPS org.testcontainers:testcontainers-postgresql:2.0.5
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../migrate.java
//SOURCES ../status.java
//SOURCES ../query.java
//SOURCES ../seed.java
//SOURCES support/*.java
//SOURCES *Test.java
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.23.0
//SOURCES ../examples/ExpiringOptions.java
//SOURCES ../examples/DeleteBatch.java
//SOURCES ../examples/ExportSymbol.java
//SOURCES ../examples/StartupMigrations.java

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The test@trading alias: runs every *Test class in tests/ against a real PostgreSQL.
 * Arguments narrow the run to test classes whose names contain them:
 * {@code ./jbang test@trading Migrate}.
 */
public class RunTests {
    public static void main(String... args) throws URISyntaxException {
        Path ownJar = Path.of(RunTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(ownJar)));
        if (args.length > 0) {
            String[] patterns = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                patterns[i] = ".*" + args[i] + ".*";
            }
            request.filters(includeClassNamePatterns(patterns));
        } else {
            request.filters(includeClassNamePatterns(".*Test"));
        }
        LauncherDiscoveryRequest discovery = request.build();

        System.out.println("Tests run against " + TestPostgres.get().description());
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, summary, new ProgressListener());
        TestPostgres.get().close();

        TestExecutionSummary result = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        result.printFailuresTo(out, 25);
        result.printTo(out);
        long passed = result.getTestsSucceededCount();
        long failed = result.getTestsFailedCount() + result.getContainersFailedCount();
        long skipped = result.getTestsSkippedCount() + result.getTestsAbortedCount();
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        System.exit(failed > 0 || result.getTestsFoundCount() == 0 ? 1 : 0);
    }

    /** One line per finished test, so a long run shows where it is. */
    static final class ProgressListener implements TestExecutionListener {
        private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                System.out.println("  SKIP " + name(id) + ": " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long millis = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
            if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                String status = switch (result.getStatus()) {
                    case SUCCESSFUL -> "PASS";
                    case FAILED -> "FAIL";
                    case ABORTED -> "SKIP";
                };
                System.out.println("  " + status + " " + name(id) + " (" + millis + " ms)"
                        + result.getThrowable().filter(t -> result.getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                                .map(t -> "\n       " + String.valueOf(t.getMessage()).replace("\n", "\n       "))
                                .orElse(""));
            }
        }

        private static String name(TestIdentifier id) {
            String unique = id.getUniqueId();
            int classStart = unique.indexOf("[class:");
            String className = classStart >= 0 ? unique.substring(classStart + 7, unique.indexOf(']', classStart)) : "";
            return className + " > " + id.getDisplayName();
        }
    }
}
