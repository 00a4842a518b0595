package trading.migrate;

/** One row that {@code migrate --repair} changed in {@code schema_migrations}, and why. */
public record RepairChange(String version, Kind kind, String detail) {

    /** What repair did to the row. */
    public enum Kind {
        /** The recorded checksum now matches the file on disk. */
        CHECKSUM_REALIGNED,
        /** The row of a failed Transaction: none migration was removed, so it can run again. */
        FAILED_ROW_REMOVED,
        /** The row of a migration whose file is gone was removed. */
        MISSING_ROW_REMOVED,
        /** The row of a renamed file now has the new version and name. */
        RENAMED
    }
}
