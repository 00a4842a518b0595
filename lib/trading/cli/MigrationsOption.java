package trading.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --migrations DIR}, for the scripts that read the migrations folder. */
public final class MigrationsOption {
    @Option(names = "--migrations", paramLabel = "DIR",
            description = "The migrations folder. Default: MIGRATIONS_DIR, else migrations/ in the toolkit's folder.")
    String directory;

    public Path resolve(GlobalOptions global) {
        return global.home().migrationsDirectory(global.environment(), directory);
    }
}
