// The PostgreSQL JDBC driver, on its own: lib/dependencies.java pulls it in with the rest,
// and the benchmark's peers (bench/peers/) pull in only this, so Flyway and Liquibase run
// with nothing but the driver beside them.
//DEPS org.postgresql:postgresql:42.7.14
