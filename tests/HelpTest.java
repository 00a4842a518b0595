import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --help of every script is clean: exit 0, the usage on stdout, and nothing on stderr. A
 * stray % in a description is a picocli format string and makes it print a warning.
 */
class HelpTest {
    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"migrate", "status", "seed", "query"})
    void helpWritesNothingOnStderrAndExitsZero(String script) {
        Commands.Result r = Commands.run(script, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertTrue(r.out().startsWith("Usage: " + script), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(!r.out().contains("%n"), "every format string was applied: " + r.out());
    }

    @ParameterizedTest(name = "query {0} --help")
    @ValueSource(strings = {"symbol", "with-options", "top-buys", "full"})
    void helpOfEveryQueryIsCleanToo(String query) {
        Commands.Result r = Commands.run("query", query, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @org.junit.jupiter.api.Test
    void seedHelpShowsThePercentSign() {
        assertTrue(Commands.run("seed", "--help").out().contains("for about 30% an option idea"));
    }
}
