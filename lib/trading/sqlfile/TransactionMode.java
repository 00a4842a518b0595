package trading.sqlfile;

/**
 * How a migration runs. {@code NONE} is for statements PostgreSQL refuses inside a
 * transaction block, such as {@code CREATE INDEX CONCURRENTLY}; each statement then runs
 * on its own, so a failure part-way is recorded as a failed migration to repair.
 */
public enum TransactionMode {
    TRANSACTIONAL,
    NONE
}
