package trading.migrate;

import java.time.OffsetDateTime;
import java.util.List;
import trading.sqlfile.MigrationFile;

/**
 * One migration's state. {@code file} is null when the file is missing; {@code applied}
 * is null when there is no history row (pending or out of order).
 */
public record MigrationStatus(String version, MigrationState state, MigrationFile file, AppliedMigration applied) {

    /** The Description, from the file when there is one, else as recorded. */
    public String name() {
        return file != null ? file.name() : applied.name();
    }

    public OffsetDateTime appliedAt() {
        return applied == null ? null : applied.appliedAt();
    }

    public Long executionTimeMs() {
        return applied == null ? null : applied.executionTimeMs();
    }

    /** The file's checksum, or the recorded one when the file is missing. */
    public String checksum() {
        return file != null ? file.checksum() : applied.checksum();
    }

    public List<String> depends() {
        return file == null ? List.of() : file.depends();
    }

    public long number() {
        return file != null ? file.number() : applied.number();
    }
}
