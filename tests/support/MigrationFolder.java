import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary migrations folder a test fills with files, for one scenario. */
final class MigrationFolder {
    final Path path;

    MigrationFolder(Path path) {
        this.path = path;
    }

    /** Writes {@code name} with {@code sql} (UTF-8) and returns this folder. */
    MigrationFolder add(String name, String sql) {
        return addBytes(name, sql.getBytes(StandardCharsets.UTF_8));
    }

    MigrationFolder addBytes(String name, byte[] content) {
        try {
            Files.write(path.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    MigrationFolder delete(String name) {
        try {
            Files.delete(path.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A copy of the project's own migrations (001, 002 and their down scripts) to build on. */
    MigrationFolder withProjectMigrations() {
        try (var files = Files.list(Commands.ROOT.resolve("migrations"))) {
            for (Path f : files.toList()) {
                Files.copy(f, path.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
