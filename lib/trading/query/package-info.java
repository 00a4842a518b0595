//SOURCES ../../dependencies.java
//SOURCES ../failure/package-info.java
//SOURCES ../db/package-info.java
//SOURCES *.java
/**
 * The four sample queries (docs/seeding-and-queries.md, "Queries"): their parameters, SQL and
 * plans, run with bound values.
 *
 * <p>May use: {@code failure}, {@code db}, JDBC, Jackson (JSON columns).
 */
package trading.query;
