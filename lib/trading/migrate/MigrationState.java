package trading.migrate;

import java.util.Locale;

/** Every state a migration can be in, from comparing the folder with {@code schema_migrations}. */
public enum MigrationState {
    /** Recorded as applied, and the file on disk has the recorded checksum. */
    APPLIED,
    /** On disk, not yet applied, and numbered after everything applied. */
    PENDING,
    /** A {@code Transaction: none} migration that failed part-way; blocks migrating until repaired. */
    FAILED,
    /**
     * A {@code Transaction: none} migration running now: its row still says failed (it is
     * written first), but it is the newest row and a run holds the migration lock.
     */
    RUNNING,
    /** Applied, but the file changed since: never edit an applied migration. */
    MODIFIED,
    /** Applied, but its file is gone from the folder. */
    MISSING,
    /** Not applied, but numbered below something applied: refused unless --out-of-order. */
    OUT_OF_ORDER;

    /** The name used in JSON and tables: {@code applied}, {@code out_of_order}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** States that stop {@code migrate} and make {@code status --check} fail. */
    public boolean needsAction() {
        return switch (this) {
            case APPLIED -> false;
            case PENDING, FAILED, RUNNING, MODIFIED, MISSING, OUT_OF_ORDER -> true;
        };
    }
}
