package trading.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The embedded server's superuser password: random, made on first use, and kept in a
 * file only its owner can read ({@code 0600} in a {@code 0700} folder) beside the data
 * folder, so that other accounts on the machine cannot log in while the server runs.
 */
record EmbeddedPassword(Path file, String value) {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** The password file for the data folder {@code dataDirectory}: {@code secrets/postgres-password} beside it. */
    static Path fileFor(Path dataDirectory) {
        return dataDirectory.resolveSibling("secrets").resolve("postgres-password");
    }

    /** The stored password, with the file's and folder's permissions made owner-only again; null when there is none. */
    static EmbeddedPassword read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        restrict(file.getParent(), OWNER_ONLY_FOLDER);
        restrict(file, OWNER_ONLY_FILE);
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? null : new EmbeddedPassword(file, value);
    }

    /**
     * A new random password, written owner-only before anything uses it; or, when another
     * command created one meanwhile, that one, so two first starts never disagree.
     */
    static EmbeddedPassword create(Path file) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder);
        restrict(folder, OWNER_ONLY_FOLDER);
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        // Written under a name of its own, then linked into place only if no password is
        // there yet: a crash never leaves half a password, and a racing start keeps its own.
        Path partial = Files.createTempFile(folder, "postgres-password", ".partial");
        try {
            restrict(partial, OWNER_ONLY_FILE);
            Files.writeString(partial, value, StandardCharsets.UTF_8);
            Files.createLink(file, partial);
            return new EmbeddedPassword(file, value.toString());
        } catch (FileAlreadyExistsException e) {
            EmbeddedPassword existing = read(file);
            if (existing == null) {
                throw new IOException(file + " exists but holds no password; delete it and try again", e);
            }
            return existing;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (UnsupportedOperationException e) {
            // No POSIX permissions on this file system (Windows): the user's profile folder protects it.
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPassword[" + file + "]";
    }
}
