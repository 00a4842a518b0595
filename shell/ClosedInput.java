package trading.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether the shell was started with its standard input closed ({@code <&-}, or
 * by a service manager that closes it). The process then has no file descriptor 0, and
 * the first file the JVM opens takes that number: usually the JDK's own
 * {@code lib/modules}, or a class-data-sharing archive. Read as standard input, that is
 * megabytes of binary that JShell would try to run line by line. So a descriptor 0 that
 * is a file of the JDK, an archive (.jsa) or a jar on the class path is taken as closed,
 * and the shell reads nothing, exactly as with {@code < /dev/null}. Only Linux shows the
 * descriptor (/proc/self/fd); elsewhere standard input is used as it is.
 */
public final class ClosedInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private ClosedInput() {}

    public static boolean isClosed() {
        if (!Files.isDirectory(FD0.getParent())) {
            return false;
        }
        if (!Files.exists(FD0, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path target;
        try {
            target = Files.readSymbolicLink(FD0);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        if (!target.isAbsolute()) {
            return false; // pipe:[...] or socket:[...]: a real standard input
        }
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        return target.startsWith(realPath(System.getProperty("java.home"))) || name.endsWith(".jsa")
                || onClassPath(target);
    }

    private static boolean onClassPath(Path file) {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && file.equals(realPath(entry))) {
                return true;
            }
        }
        return false;
    }

    private static Path realPath(String path) {
        try {
            return Path.of(path).toRealPath();
        } catch (IOException | RuntimeException e) {
            return Path.of(path).toAbsolutePath();
        }
    }
}
