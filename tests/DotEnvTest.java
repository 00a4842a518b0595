import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.db.DotEnv;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/** How a .env file is read: quotes end at their matching quote, and a broken file is one clear error, never a crash. */
class DotEnvTest {
    @TempDir Path dir;

    private Map<String, String> read(String content) throws Exception {
        Files.writeString(dir.resolve(".env"), content);
        return DotEnv.read(dir.resolve(".env"));
    }

    @Test
    void aQuoteInATrailingCommentDoesNotChangeTheValue() throws Exception {
        Map<String, String> values = read("DATABASE_URL=\"postgresql://a/t1\" # the \"main\" db\n"
                + "SINGLE='postgresql://b/t2' # it's the 'other' one\n"
                + "PLAIN=postgresql://c/t3 # plain \"too\"\n");
        assertEquals("postgresql://a/t1", values.get("DATABASE_URL"));
        assertEquals("postgresql://b/t2", values.get("SINGLE"));
        assertEquals("postgresql://c/t3", values.get("PLAIN"));
    }

    @Test
    void quotedValuesKeepHashesSpacesAndEscapes() throws Exception {
        Map<String, String> values = read("A=\"p#ss word \\\"q\\\" back\\\\slash\"\nB='no \\n escapes # here'\n"
                + "C=\"line\\nbreak\"   \nD=\"\"\nexport E = 'x'#comment\nF=a#b\n");
        assertEquals("p#ss word \"q\" back\\slash", values.get("A"));
        assertEquals("no \\n escapes # here", values.get("B"));
        assertEquals("line\nbreak", values.get("C"));
        assertEquals("", values.get("D"));
        assertEquals("x", values.get("E"));
        assertEquals("a#b", values.get("F"), "a # inside an unquoted value is not a comment");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKey() throws Exception {
        assertEquals("postgresql://a/t1", read("\uFEFFDATABASE_URL=postgresql://a/t1\r\nB=2\r\n").get("DATABASE_URL"));
    }

    @Test
    void anUnclosedQuoteNamesFileAndLine() throws Exception {
        ToolkitException e = assertThrows(ToolkitException.class, () -> read("# settings\nDATABASE_URL=\"x\n"));
        assertEquals(FailureKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(dir.resolve(".env") + ":2: the value's closing \" is missing"), e.getMessage());
    }

    @Test
    void textAfterTheClosingQuoteIsAnError() throws Exception {
        ToolkitException e = assertThrows(ToolkitException.class, () -> read("A='one' two\n"));
        assertTrue(e.getMessage().startsWith(dir.resolve(".env") + ":1: unexpected text after the closing '"), e.getMessage());
    }

    @Test
    void aBrokenDotEnvNeverStopsHelpOrVersionAndFailsCommandsInOneLine() throws Exception {
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=\"x\n");
        Map<String, String> env = Map.of("TRADING_ROOT", Commands.ROOT.toString());
        for (String flag : new String[] {"--help", "--version"}) {
            Commands.Result r = Commands.spawnIn(env, dir, "status", flag);
            assertEquals(0, r.exitCode(), r.toString());
            assertFalse(r.err().contains("Exception"), r.toString());
        }
        Commands.Result r = Commands.spawnIn(env, dir, "migrate", "--dry-run");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: " + dir.resolve(".env") + ":1: the value's closing \" is missing"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
