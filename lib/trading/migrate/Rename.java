package trading.migrate;

/**
 * An applied migration whose file was renamed: {@code missing} is its history row, whose file
 * is gone, and {@code file} the pending file with the same number and the same checksum.
 * {@code migrate --repair} records the new name instead of forgetting the row, so the same
 * SQL never runs twice.
 */
public record Rename(MigrationStatus missing, MigrationStatus file) {

    /** {@code 010_a -> 010_b}. */
    public String describe() {
        return missing.version() + " -> " + file.version();
    }
}
