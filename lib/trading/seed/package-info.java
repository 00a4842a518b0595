//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES ../db/package-info.java
//SOURCES *.java
/**
 * Synthetic, realistic sample data, loaded through COPY in committed batches.
 *
 * <p>May use: {@code failure}, {@code db}, JDBC. Never prints: progress goes to a
 * {@link trading.seed.SeedListener}.
 */
package trading.seed;
