package trading.migrate;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import trading.failure.ToolkitException;

/**
 * A backup folder on disk. It is written as {@code NAME.partial} and renamed to {@code NAME}
 * only when complete, readable by its owner only (the rows may be confidential), and removed
 * on any failure. When read back, every file it names must be a plain file inside it.
 */
record BackupFolder(Path partial, Path target) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final int MAX_SUFFIX = 1000;

    /**
     * Reserves a new, unique folder name under {@code parent}: a time stamp to the millisecond,
     * the database's name, and a counter when two backups start in the same millisecond.
     * Creating the {@code .partial} folder is what reserves the name, so two processes never
     * share one.
     */
    static BackupFolder claim(Path parent, String databaseName) {
        String base = STAMP.format(OffsetDateTime.now(ZoneOffset.UTC)) + "-" + databaseName.replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            Files.createDirectories(parent);
            for (int n = 1; n <= MAX_SUFFIX; n++) {
                String name = n == 1 ? base : base + "-" + n;
                Path target = parent.resolve(name);
                Path partial = parent.resolve(name + ".partial");
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    createDirectory(partial);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                // Another backup may have finished this very name between the check and the claim.
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    delete(partial);
                    continue;
                }
                return new BackupFolder(partial, target);
            }
            throw new IOException("every name " + base + "-N up to " + MAX_SUFFIX + " is taken");
        } catch (IOException | SecurityException e) {
            throw ToolkitException.usage("Cannot write a backup in " + parent + ": " + describe(e)
                    + ". Choose a writable folder with --backup-dir. Nothing was changed.");
        }
    }

    /** Makes a folder that only its owner can read, write or list. */
    static void createDirectory(Path directory) throws IOException {
        if (posix(directory)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(directory);
        }
    }

    /** Opens a new file that only its owner can read or write; fails if it exists. */
    static OutputStream createFile(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] ownerOnly = posix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Channels.newOutputStream(Files.newByteChannel(file, options, ownerOnly));
    }

    private static boolean posix(Path path) {
        Path existing = path.toAbsolutePath().getParent();
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The error for a backup that could not be written; the partial folder is already gone. */
    static ToolkitException writeFailed(Path parent, IOException e) {
        if (noSpace(e)) {
            return ToolkitException.usage("No space left on the device that holds " + parent.toAbsolutePath()
                    + ": the backup did not fit. Free some space there, or choose a folder on another disk with"
                    + " --backup-dir. The incomplete backup was removed; nothing was changed.");
        }
        return ToolkitException.usage("Cannot write the backup in " + parent.toAbsolutePath() + ": " + describe(e)
                + ". The incomplete backup was removed; nothing was changed.");
    }

    private static boolean noSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains("No space left on device")
                    || t.getMessage().contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        // Several IOExceptions carry only a path as their message; their kind says what went wrong.
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.getClass() == IOException.class) {
            return message;
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "")
                .replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        return kind + (message.isEmpty() ? "" : ": " + message);
    }

    /** Removes a folder and everything in it; what cannot be removed is left, since a failure is already reported. */
    static void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: the original failure is what the user needs to see.
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // Same as above.
        }
    }

    /**
     * The file {@code relative} names inside {@code directory}: it must be a regular file, not a
     * symbolic link, in the folder the manifest says, and that folder must not lead elsewhere.
     */
    static Path inside(Path directory, String relative) {
        Path file = directory.resolve(relative).normalize();
        Path folder = file.getParent();
        try {
            Path realDirectory = directory.toRealPath();
            if (!folder.startsWith(directory.normalize()) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !file.toRealPath().getParent().getParent().equals(realDirectory)) {
                throw new IOException("not a plain file inside the backup folder");
            }
        } catch (IOException e) {
            throw ToolkitException.usage(file + " is missing, or is not a plain file inside the backup folder (a"
                    + " symbolic link or a folder?). The backup cannot be restored safely; nothing was changed.");
        }
        return file;
    }

    /**
     * The number of rows in a gzipped COPY text file, or -1 if it does not unpack. COPY text
     * escapes line breaks inside values, so every row is exactly one line.
     */
    static long copyRows(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long rows = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * An output stream that remembers the first write error, because the driver replaces it
     * with "canceling statement due to user request" when a COPY's target fails.
     */
    static final class WriteWatch extends FilterOutputStream {
        private IOException failure;

        WriteWatch(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        void rethrowWriteFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
