package trading.migrate;

import trading.sqlfile.MigrationFile;

/** How one pending migration fared in {@code migrate --rehearse}; {@code failure} is set only for FAILED. */
public record RehearsalOutcome(MigrationFile file, Kind kind, long millis, MigrationFailure failure) {

    /** The possible outcomes of rehearsing a migration. */
    public enum Kind {
        /** It ran without error on this database, and was rolled back. */
        OK,
        /** PostgreSQL refused it: it would fail the same way in the real deploy. */
        FAILED,
        /** A {@code Transaction: none} migration cannot run inside the rehearsal's transaction. */
        NOT_REHEARSABLE
    }
}
