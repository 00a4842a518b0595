//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES ../db/package-info.java
//SOURCES ../sqlfile/package-info.java
//SOURCES ../migrate/package-info.java
//SOURCES ../seed/package-info.java
//SOURCES ../query/package-info.java
//SOURCES *.java
/**
 * How results look: tables sized to the terminal, CSV, JSON, and the text of migration
 * progress, status and plans. Writes to the {@link java.io.PrintWriter} it is given.
 *
 * <p>May use: every package but {@code cli}; Jackson. No picocli, no {@code System.out}.
 */
package trading.view;
