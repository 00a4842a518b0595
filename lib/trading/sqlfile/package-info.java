//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES *.java
/**
 * Migration files as text: names, headers, the SQL splitter, checksums, down scripts, and the
 * guard that refuses transaction control in a file. Reads files; never talks to a database.
 *
 * <p>May use: {@code failure}. No JDBC.
 */
package trading.sqlfile;
