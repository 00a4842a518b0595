//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES ../db/package-info.java
//SOURCES ../migrate/package-info.java
//SOURCES ../query/package-info.java
//SOURCES ../view/package-info.java
//SOURCES *.java
/**
 * The command line: picocli options shared by the scripts, running a command, and the exit
 * codes. The only package that knows picocli or exit codes.
 *
 * <p>May use: {@code failure}, {@code db}, {@code migrate} (the options of a migration run),
 * {@code query} (a query's options), {@code view} (reading {@code --format}), picocli. The scripts at the top of the repository combine it with the packages they need.
 */
package trading.cli;
