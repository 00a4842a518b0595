package trading.sqlfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import trading.failure.ToolkitException;

/**
 * Reads a SQL file as strict UTF-8, normalized as {@link Checksum} expects, with errors that name the line.
 *
 * <p>Only regular files are read (a symlink is followed first), and only up to
 * {@link #MAX_BYTES}: a FIFO would block the reader forever and a link to a device such
 * as {@code /dev/zero} would never end. docs/migration-files.md states the limit.
 */
public final class Utf8File {
    /** The largest SQL file the toolkit reads: far above any hand-written migration. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private Utf8File() {}

    public static String read(Path file) {
        byte[] bytes = readBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = Checksum.normalize(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw ToolkitException.usage(file + ":" + lineOfFirstBadByte(bytes)
                    + ": not valid UTF-8 (saved as Latin-1 or Windows-1252?). Save the file as UTF-8.");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            // PostgreSQL cannot take a NUL in a query string; it would only say "invalid message format".
            throw ToolkitException.usage(file + ":" + lineOf(text, nul) + ": contains a NUL byte (0x00), which"
                    + " PostgreSQL cannot accept in SQL. The file is probably binary or saved as UTF-16:"
                    + " save it as UTF-8 text.");
        }
        return text;
    }

    /** The file's bytes, after checking that it is a regular file no larger than {@link #MAX_BYTES}. */
    private static byte[] readBytes(Path file) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            String target;
            try {
                target = Files.readSymbolicLink(file).toString();
            } catch (IOException e) {
                target = "a file";
            }
            throw ToolkitException.usage(file + ": is a symbolic link to " + target + ", which does not exist."
                    + " Point the link at the real file, or remove the link.");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ToolkitException.usage(file + ": does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            throw ToolkitException.usage(file + ": is " + kindOf(file) + ", not a regular file. Migrations are read"
                    + " only from regular files (a symbolic link must point at one): replace it with the SQL file,"
                    + " or move it out of the folder.");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // Bounded even if the file grows while it is read.
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, MAX_BYTES) + 1);
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw tooLarge(file, total);
                    }
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw ToolkitException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static ToolkitException tooLarge(Path file, long size) {
        return ToolkitException.usage(file + ": is " + size + " bytes or more; a migration file may be at most "
                + MAX_BYTES / (1024 * 1024) + " MiB. Load large data with COPY from a separate tool (such as seed),"
                + " not from a migration file.");
    }

    private static String kindOf(Path file) {
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        // The JDK has no portable test for FIFOs and devices; what is left after the checks above is one of them.
        return "a special file (a FIFO, socket or device)";
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return line;
    }
}
