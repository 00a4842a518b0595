package trading.migrate;

import java.time.OffsetDateTime;

/** One row of {@code schema_migrations}. {@code success} is false for a failed {@code Transaction: none} run. */
public record AppliedMigration(long id, String version, String name, OffsetDateTime appliedAt, String checksum,
                               long executionTimeMs, boolean success) {

    /** The number at the front of the version, for ordering; -1 if the version has none. */
    public long number() {
        int underscore = version.indexOf('_');
        String digits = underscore > 0 ? version.substring(0, underscore) : version;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
