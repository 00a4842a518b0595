import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * shell@trading with nothing to read ends at once with exit 0 and prints no more than its
 * banner. With standard input closed ({@code <&-}) the JVM's first file takes descriptor
 * 0, and JShell used to read the JDK's lib/modules as input: megabytes of errors, for
 * minutes.
 */
class ShellTest {
    /** Generous, because the first run of shell@trading compiles it; a hanging shell takes far longer. */
    static final int TIMEOUT_SECONDS = 240;
    /** The banner is four lines and a prompt, about 250 bytes. */
    static final int BANNER_BYTES = 1_000;

    static String url;

    @BeforeAll
    static void database() {
        url = TestPostgres.get().newDatabase("shell_eof");
    }

    @ParameterizedTest(name = "stdin {0}")
    @ValueSource(strings = {"<&-", "</dev/null"})
    void withNothingToReadTheShellExitsZeroAfterItsBanner(String redirect) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec \"$0\" shell@trading " + redirect,
                Commands.ROOT.resolve("jbang").toString()).directory(Commands.ROOT.toFile());
        builder.environment().remove("MIGRATIONS_DIR");
        trading.db.DatabaseTarget.LIBPQ_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().put("DATABASE_URL", url);
        builder.redirectInput(new File("/dev/null")); // the redirect inside sh decides what the shell gets
        Commands.Result r;
        try {
            r = Commands.finish(builder.start(), TIMEOUT_SECONDS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("trading-db shell on postgresql://"), r.out());
        assertTrue(r.out().length() < BANNER_BYTES, "only the banner: " + r.out().length() + " characters\n"
                + r.out().substring(0, Math.min(r.out().length(), 2_000)));
        assertTrue(!r.out().contains("Error"), r.out());
    }
}
