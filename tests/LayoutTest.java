import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/layout.md. A package may use the packages its package-info.java
 * pulls in with //SOURCES and nothing else of lib/trading; only cli knows picocli; no package
 * but cli writes to the process's stdout or stderr; sqlfile and failure never touch JDBC.
 * The compiler cannot catch a wrong use when a script pulls in every package, so this test does.
 */
class LayoutTest {
    private static final Path LIB = Commands.ROOT.resolve("lib/trading");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\btrading\\.(\\w+)\\.[A-Z]");
    private static final Pattern PULLS_IN = Pattern.compile("^//SOURCES \\.\\./(\\w+)/package-info\\.java$", Pattern.MULTILINE);
    private static final Set<String> NO_JDBC = Set.of("failure", "sqlfile");

    @Test
    void everyPackageSaysWhatItIsForAndWhatItMayUse() throws IOException {
        for (String pkg : packages()) {
            Path info = LIB.resolve(pkg).resolve("package-info.java");
            assertTrue(Files.isRegularFile(info), "lib/trading/" + pkg + " has no package-info.java");
            String text = Files.readString(info);
            assertTrue(text.contains("May use:"), info + " does not say what the package may use");
            assertTrue(text.contains("package trading." + pkg + ";"), info + " declares another package");
        }
    }

    @Test
    void packagesUseOnlyWhatTheirPackageInfoPullsIn() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : packages()) {
            Set<String> allowed = pulledIn(pkg);
            allowed.add(pkg);
            for (Path file : javaFiles(pkg)) {
                String code = Files.readString(file);
                for (String used : usedPackages(code)) {
                    if (!allowed.contains(used)) {
                        violations.add(LIB.relativize(file) + " uses trading." + used
                                + ", which lib/trading/" + pkg + "/package-info.java does not pull in");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void onlyCliKnowsPicocliAndThePrintStreams() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : packages()) {
            for (Path file : javaFiles(pkg)) {
                String code = withoutComments(Files.readString(file));
                String where = LIB.relativize(file).toString();
                if (!pkg.equals("cli") && code.contains("picocli")) {
                    violations.add(where + " uses picocli");
                }
                if (!pkg.equals("cli") && (code.contains("System.out") || code.contains("System.err")
                        || code.contains("printStackTrace()"))) {
                    violations.add(where + " writes to the process's stdout or stderr");
                }
                if (NO_JDBC.contains(pkg) && (code.contains("java.sql") || code.contains("org.postgresql"))) {
                    violations.add(where + " uses JDBC");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theRulesCatchAViolation() {
        String code = "package trading.migrate;\nimport trading.view.StatusView;\nclass X { trading.seed.Ticker t; }\n";
        assertEquals(Set.of("migrate", "view", "seed"), usedPackages(code));
        assertEquals(Set.of(), usedPackages("/* trading.view.StatusView */ // trading.seed.Ticker\nclass X {}"));
    }

    private static Set<String> usedPackages(String code) {
        Set<String> used = new TreeSet<>();
        String bare = withoutComments(code);
        Matcher imports = IMPORT.matcher(bare);
        while (imports.find()) {
            String[] parts = imports.group(1).split("\\.");
            if (parts[0].equals("trading") && parts.length > 2) {
                used.add(parts[1]);
            }
        }
        Matcher qualified = QUALIFIED.matcher(bare);
        while (qualified.find()) {
            used.add(qualified.group(1));
        }
        Matcher declared = Pattern.compile("^package trading\\.(\\w+);", Pattern.MULTILINE).matcher(bare);
        if (declared.find()) {
            used.add(declared.group(1));
        }
        return used;
    }

    private static Set<String> pulledIn(String pkg) throws IOException {
        Set<String> pulled = new TreeSet<>();
        Matcher m = PULLS_IN.matcher(Files.readString(LIB.resolve(pkg).resolve("package-info.java")));
        while (m.find()) {
            pulled.add(m.group(1));
        }
        return pulled;
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ").replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }

    private static List<String> packages() throws IOException {
        try (Stream<Path> dirs = Files.list(LIB)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.size() >= 7, "expected the packages of docs/layout.md under " + LIB + ": " + names);
            return names;
        }
    }

    private static List<Path> javaFiles(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(LIB.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
