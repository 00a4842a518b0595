//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES ../db/package-info.java
//SOURCES ../sqlfile/package-info.java
//SOURCES *.java
/**
 * The migration engine: plan, lock, run, record, roll back, rehearse, repair, baseline,
 * back up and restore. {@link trading.migrate.MigrationManager} is the entry point an
 * application calls at startup; its settings, results and failures are public, the rest is
 * package-private where Java allows.
 *
 * <p>May use: {@code failure}, {@code db}, {@code sqlfile}, JDBC, Jackson (backup manifests).
 * Never prints: progress goes to a {@link trading.migrate.MigrationListener}.
 */
package trading.migrate;
